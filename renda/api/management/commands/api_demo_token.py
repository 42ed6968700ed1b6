"""Set up a small jurisdiction and a staff user, and print a fresh API token.

For throwaway databases only (the schemathesis run in ``.ci/schemathesis.sh``):
it refuses to run when the database already holds people unless ``--force``.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from renda.accounts.models import Role, User
from renda.accounts.services import api_token_issue
from renda.people import services
from renda.people.models import Jurisdiction, Organization, Person


class Command(BaseCommand):
    help = "Create demo people data and a staff user; print a bearer token for the API."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="api-demo")
        parser.add_argument(
            "--force", action="store_true", help="run even if the database already holds persons"
        )

    def handle(self, *args, username: str, force: bool, **options):
        if Person.objects.exists() and not force:
            raise CommandError("The database already holds persons; use --force to add a token.")
        with transaction.atomic():
            user, created = User.objects.get_or_create(
                username=username, defaults={"role": Role.STAFF, "display_name": "API demo"}
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            if not Jurisdiction.objects.exists():
                self._seed(user)
            _token, raw = api_token_issue(actor=user, label="schemathesis")
        self.stdout.write(raw)

    def _seed(self, actor: User) -> None:
        services.jurisdiction_setup(actor=actor, name="清河市", level="city", population=3_200_000)
        congress = Organization.objects.get(kind=Organization.Kind.CONGRESS)
        term = services.term_create(
            actor=actor,
            congress=congress,
            number=17,
            start_date=dt.date(2022, 1, 10),
            end_date=dt.date(2027, 1, 9),
        )
        delegation = services.organization_create(
            actor=actor,
            name="城东代表团",
            kind=Organization.Kind.DELEGATION,
            code="east",
            parent=congress,
        )
        committee = Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE).first()
        post = services.post_create(
            actor=actor, organization=committee or congress, label="委员", role="member"
        )
        for i, (name, gender) in enumerate(
            [("王建国", "male"), ("李秀英", "female"), ("张伟", "male")], start=1
        ):
            person = services.person_create(
                actor=actor,
                name=name,
                gender=gender,
                birth_year=1960 + i,
                occupation="教师",
                phone=f"1380000000{i}",
            )
            services.deputy_create(actor=actor, person=person, term=term, delegation=delegation)
            services.membership_create(
                actor=actor,
                person=person,
                organization=post.organization,
                post=post,
                term=term,
                start_date=term.start_date,
            )
