"""Django's ``createsuperuser``, audited: each administrator it creates is in the audit chain.

``renda.accounts`` comes before ``django.contrib.auth`` in ``INSTALLED_APPS`` so that this
command, and ``changepassword`` beside it, replace Django's own.
"""

from __future__ import annotations

from django.contrib.auth.management.commands import createsuperuser
from django.db import transaction

from renda.core.audit import audit_record


class Command(createsuperuser.Command):
    def handle(self, *args, **options):
        database = options.get("database") or "default"
        manager = self.UserModel._default_manager.db_manager(database)
        before = set(manager.values_list("pk", flat=True))
        super().handle(*args, **options)
        with transaction.atomic(using=database):
            for user in manager.exclude(pk__in=before).order_by("pk"):
                audit_record(
                    actor=None,
                    action="accounts.user.superuser_created",
                    obj=user,
                    changes={"via": "manage.py createsuperuser", "is_superuser": True},
                )
