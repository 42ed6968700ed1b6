"""Fixtures of filing review: documents as real docx/PDF files, a filer per body, a filed document."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

TEXT = (
    "第一条 为了规范校外培训机构管理，保障学生合法权益，根据《中华人民共和国教育法》等法律法规，结合本市实际，制定本办法。\n"
    "第二条 本办法适用于本市行政区域内面向中小学生的校外培训机构。\n"
    "第三条 举办校外培训机构，应当向教育行政部门申请办学许可。\n"
    "第四条 培训机构收取培训费用，单次收费时间跨度不得超过三个月。\n"
    "第五条 违反本办法规定的，由教育行政部门责令改正，处五千元以上三万元以下罚款；情节严重的，吊销办学许可证。\n"
    "第六条 对存在重大安全隐患的场所，可以查封、扣押相关设施设备。\n"
    "第七条 本办法自公布之日起施行。"
)


def docx_bytes(text: str = TEXT) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str = TEXT) -> bytes:
    import weasyprint

    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def docx_upload(text: str = TEXT, name: str = "办法.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(text), content_type="application/octet-stream")


@pytest.fixture
def filer(users):
    """The unit officer of the education bureau (a government department)."""
    return users["unit_officer"]


@pytest.fixture
def other_filer(jurisdiction):
    from renda.accounts.models import Role, User
    from renda.people.models import Organization

    body = Organization.objects.get(code="court")
    return User.objects.create_user(
        "t-court", password="Renda-test-2026!", role=Role.UNIT_OFFICER, scope=body
    )


@pytest.fixture
def make_filing(filer):
    from renda.filings import services

    counter = {"n": 0}

    def make(
        actor=None,
        *,
        number=None,
        title="清河市校外培训机构管理办法",
        text=TEXT,
        published_on=None,
        now=None,
        **extra,
    ):
        counter["n"] += 1
        return services.filing_create(
            actor=actor or filer,
            title=title,
            document_number=number or f"清教发〔2026〕{counter['n']}号",
            published_on=published_on or dt.date.today() - dt.timedelta(days=5),
            drafting_explanation="为规范校外培训机构管理起草本办法。",
            legal_basis="《中华人民共和国教育法》",
            text=text,
            now=now,
            **extra,
        )

    return make


@pytest.fixture
def registered(make_filing, staff):
    from renda.filings import services

    filing = make_filing()
    services.filing_register(actor=staff, filing=filing)
    filing.refresh_from_db()
    return filing


@pytest.fixture
def sc_meeting(term, staff):
    from renda.meetings import services as meetings

    return meetings.meeting_schedule(
        actor=staff,
        kind="sc_meeting",
        term=term,
        starts_on=dt.date.today() + dt.timedelta(days=20),
        ends_on=dt.date.today() + dt.timedelta(days=20),
    )


@pytest.fixture
def committee(term):
    """Three standing-committee members with logins, so a vote can pass (2 of 3) or fail."""
    from renda.accounts.models import Role, User
    from renda.people.models import Membership, Organization, Person

    sc = Organization.objects.get(code="standing-committee")
    members = []
    for i, name in enumerate(["周明", "吴芳", "郑强"]):
        person = Person.objects.create(name=name, gender="male")
        Membership.objects.create(person=person, organization=sc, start_date=dt.date(2022, 1, 10))
        members.append(User.objects.create(username=f"sc-{i}", role=Role.MEMBER, person=person))
    return members


def run_poll(staff, poll, members, choices):
    """Sign the members in, open the meeting if needed, cast ``choices`` and close (seal) the poll."""
    from renda.meetings.models import Meeting
    from renda.meetings.services import attendance_sign_in, meeting_open
    from renda.voting import services as V

    meeting = poll.agenda_item.meeting
    for m in members:
        attendance_sign_in(actor=staff, meeting=meeting, person=m.person)
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting_open(actor=staff, meeting=meeting)
    poll = V.poll_open(actor=staff, poll=poll)
    for member, choice in zip(members, choices, strict=False):
        V.ballot_cast(actor=member, poll=poll, choice=choice)
    return V.poll_close(actor=staff, poll=poll)
