"""Django's ``changepassword``, audited (the event names no secret).

A changed password also ends the account's voting-terminal grants (their password digest
no longer matches), as a change on the password page does.
"""

from __future__ import annotations

import getpass

from django.contrib.auth.management.commands import changepassword
from django.db import transaction

from renda.core.audit import audit_record


class Command(changepassword.Command):
    def handle(self, *args, **options):
        result = super().handle(*args, **options)
        database = options.get("database") or "default"
        username = options.get("username") or getpass.getuser()
        user = changepassword.UserModel._default_manager.db_manager(database).get_by_natural_key(
            username
        )
        with transaction.atomic(using=database):
            audit_record(
                actor=None,
                action="accounts.user.password_changed",
                obj=user,
                changes={"via": "manage.py changepassword"},
            )
        return result
