"""Fixtures of the legislation tests: meetings of the standing committee and of the council
of chairpersons, a project carried to any step, and a draft."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.devtools.legislation_texts import DOG_DRAFT_V1, DOG_DRAFT_V2
from renda.legislation import services
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Membership, Organization, Person


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def sc_meeting(term):
    """``sc_meeting(starts_on, n=7)``: a standing-committee meeting; the same members (with
    their accounts) attend every one."""

    members: list[User] = []

    def make(starts_on=None, n: int = 7, status=Meeting.Status.SCHEDULED):
        sc = Organization.objects.get(code="standing-committee")
        day = starts_on or today()
        meeting = Meeting.objects.create(
            kind="sc_meeting", body=sc, term=term, number=Meeting.objects.count() + 1,
            title=f"常委会第{Meeting.objects.count() + 1}次会议", starts_on=day, ends_on=day,
            status=status,
        )  # fmt: skip
        for i in range(len(members), n):
            person = Person.objects.create(name=f"委员{i}", gender="male")
            Membership.objects.create(person=person, organization=sc, start_date=term.start_date)
            members.append(User.objects.create(username=f"lsc-{i}", role=Role.MEMBER, person=person))  # fmt: skip
        for user in members:
            Attendance.objects.create(meeting=meeting, person=user.person, role="voting", status="present")  # fmt: skip
        return meeting, members

    return make


@pytest.fixture
def project(staff, term):
    """A project argued and drafted, its first version sent to the members 20 days ago."""
    p = services.project_create(
        actor=staff, title="清河市养犬管理条例", proposer="government", proposer_name="清河市人民政府",
        drafter="市公安局", proposed_on=today() - dt.timedelta(days=60),
    )  # fmt: skip
    services.project_argue(actor=staff, project=p, argued_on=today() - dt.timedelta(days=50), argument="必要且可行。")  # fmt: skip
    services.project_add_version(
        actor=staff, project=p, label="草案", text=DOG_DRAFT_V1, explanation="关于草案的说明。",
        sent_on=today() - dt.timedelta(days=20),
    )  # fmt: skip
    p.refresh_from_db()
    return p


@pytest.fixture
def second_draft():
    return DOG_DRAFT_V2
