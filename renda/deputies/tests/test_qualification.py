"""The absence rule (S22, 代表法 Arts. 62–63) over the congress sessions of a real term, and the
office's steps from the committee's report to the standing committee's announcement."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.actions import SystemActor
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent, Effect
from renda.deputies import services
from renda.deputies.models import QualificationMatter
from renda.meetings import services as M
from renda.meetings.models import LeaveRequest
from renda.people.composition import congress_figures
from renda.people.models import Deputy
from renda.portal.models import NewsItem

pytestmark = pytest.mark.django_db

Q = QualificationMatter.Status


def _matters(deputy):
    return list(QualificationMatter.objects.filter(deputy=deputy).order_by("id"))


def test_two_unapproved_absences_raise_a_matter_with_the_evidence(session, deputies):
    d = deputies[5]
    first = session(dt.date(2023, 1, 9), absent=[d])
    assert _matters(d) == []  # one absence is below the limit of two
    session(dt.date(2024, 1, 8), leave=[d])  # approved leave never counts
    assert _matters(d) == []
    third = session(dt.date(2025, 1, 6), absent=[d])
    [matter] = _matters(d)
    assert matter.status == Q.RAISED and matter.raised_by_platform
    assert matter.ground == QualificationMatter.Ground.ABSENCES
    assert matter.evidence["count"] == 2 and matter.evidence["limit"] == 2
    counted = [s["meeting_id"] for s in matter.evidence["sessions"] if s["counts"]]
    assert counted == [first.pk, third.pk]
    excused = [s for s in matter.evidence["sessions"] if not s["counts"]]
    assert [s["attendance"] for s in excused] == ["on_leave"]
    assert excused[0]["leave"][0]["status"] == "approved"
    assert excused[0]["leave"][0]["note"] == "同意"
    # The others, present every time, have nothing raised; the effect ran and is done.
    assert QualificationMatter.objects.count() == 1
    assert not Effect.objects.filter(hook="meetings.attendance_changed", done_at=None).exists()
    event = AuditEvent.objects.get(action="deputies.qualification.raised")
    assert event.changes["count"] == 2 and event.changes["meetings"] == counted


def test_approved_leave_never_counts(session, deputies):
    d = deputies[4]
    for year in (2023, 2024, 2025):
        session(dt.date(year, 1, 9), leave=[d])
    session(dt.date(2026, 1, 5), absent=[d])
    assert _matters(d) == []
    assert services.review_absences(d) is None  # the sweep raises nothing either


def test_a_third_absence_raises_no_second_matter(session, deputies):
    d = deputies[3]
    for year in (2023, 2024, 2025):
        session(dt.date(year, 1, 9), absent=[d])
    [matter] = _matters(d)
    assert matter.evidence["count"] == 2  # as it stood when raised


def test_leave_approved_after_the_session_withdraws_the_matter(
    session, deputies, staff, django_capture_on_commit_callbacks
):
    d = deputies[2]
    session(dt.date(2023, 1, 9), absent=[d])
    late = session(dt.date(2024, 1, 8), pending_leave=[d])  # asked, undecided when it closed
    [matter] = _matters(d)
    assert matter.status == Q.RAISED
    leave = LeaveRequest.objects.get(meeting=late, person=d.person)
    with django_capture_on_commit_callbacks(execute=True):
        M.leave_request_decide(actor=staff, leave=leave, approve=True)
    matter.refresh_from_db()
    assert matter.status == Q.WITHDRAWN
    assert "1" in matter.closing_note
    # A later absence raises a new matter: the withdrawn one does not block it.
    session(dt.date(2025, 1, 6), absent=[d])
    assert [m.status for m in _matters(d)] == [Q.WITHDRAWN, Q.RAISED]


def test_standing_committee_meetings_do_not_count(staff, term, deputies):
    assert services.review_absences(deputies[0]) is None
    assert _matters(deputies[0]) == []


def test_platform_actions_refuse_people(users, session, deputies):
    d = deputies[5]
    for role in ("staff", "admin", "leader", "deputy"):
        with pytest.raises(PermissionDenied):
            services.qualification_raise_absences(actor=users[role], deputy=d)
    session(dt.date(2023, 1, 9), absent=[d])
    session(dt.date(2024, 1, 9), absent=[d])
    [matter] = _matters(d)
    with pytest.raises(PermissionDenied):
        services.qualification_withdraw(actor=users["staff"], matter=matter)
    with pytest.raises(Conflict) as exc:  # the count is still at the limit
        services.qualification_withdraw(actor=SystemActor(None, "test"), matter=matter)
    assert exc.value.code == "absences_still_at_limit"


def test_report_then_announce_ends_the_mandate_and_publishes_the_notice(
    session, deputies, staff, users, term, django_capture_on_commit_callbacks
):
    d = deputies[5]
    session(dt.date(2023, 1, 9), absent=[d])
    session(dt.date(2024, 1, 9), absent=[d])
    [matter] = _matters(d)
    seated = next(f for f in congress_figures(term) if f.key == "leading_cadres").total
    with pytest.raises(PermissionDenied):
        services.qualification_report(actor=users["leader"], matter=matter, report="x")
    with pytest.raises(Conflict):  # announcing needs the committee's report first
        services.qualification_announce(actor=staff, matter=matter)
    with pytest.raises(DomainError) as exc:
        services.qualification_report(actor=staff, matter=matter, report="  ")
    assert exc.value.code == "field_required"
    services.qualification_report(
        actor=staff, matter=matter, report="经审查，情况属实。", reported_on=matter.raised_on
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.qualification_announce(actor=staff, matter=matter)
    matter.refresh_from_db()
    d.refresh_from_db()
    assert matter.status == Q.ANNOUNCED and d.status == Deputy.Status.TERMINATED
    assert d.status_reason == str(QualificationMatter.Ground.ABSENCES.label)
    notice = NewsItem.objects.get(source=f"deputies.qualification:{matter.pk}")
    assert notice.body == matter.announcement
    assert notice.kind == NewsItem.Kind.NOTICE and notice.status == NewsItem.Status.PUBLISHED
    assert d.person.name in notice.title and d.person.name in notice.body
    assert next(f for f in congress_figures(term) if f.key == "leading_cadres").total == seated - 1
    codes = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    for code in (
        "deputies.qualification.report",
        "people.deputy.status_changed",
        "portal.news.publish_notice",
        "deputies.qualification.announce",
    ):
        assert code in codes


def test_office_raises_other_grounds_and_dismisses(staff, deputies, users):
    d = deputies[1]
    with pytest.raises(DomainError) as exc:  # absences come from the record, never typed
        services.qualification_open(actor=staff, deputy=d, ground="absences", facts="x")
    assert exc.value.code == "invalid_choice"
    with pytest.raises(PermissionDenied):
        services.qualification_open(actor=users["deputy"], deputy=d, ground="moved_away", facts="x")
    matter = services.qualification_open(
        actor=staff, deputy=d, ground="moved_away", facts="已调往外省工作。"
    )
    with pytest.raises(Conflict) as exc:
        services.qualification_open(actor=staff, deputy=d, ground="moved_away", facts="again")
    assert exc.value.code == "qualification_matter_open"
    with pytest.raises(DomainError):
        services.qualification_dismiss(actor=staff, matter=matter, note="")
    services.qualification_dismiss(actor=staff, matter=matter, note="调动未实际发生。")
    matter.refresh_from_db()
    d.refresh_from_db()
    assert matter.status == Q.DISMISSED and d.status == Deputy.Status.ACTIVE
    assert AuditEvent.objects.filter(action="deputies.qualification.dismiss").count() == 1


def test_announcement_refused_for_a_mandate_already_ended(staff, deputies):
    from renda.people.services import deputy_change_status

    d = deputies[1]
    matter = services.qualification_open(actor=staff, deputy=d, ground="nationality", facts="x")
    services.qualification_report(actor=staff, matter=matter, report="属实")
    deputy_change_status(actor=staff, deputy=d, status="deceased", reason="病故")
    with pytest.raises(Conflict) as exc:
        services.qualification_announce(actor=staff, matter=matter)
    assert exc.value.code == "deputy_not_seated"
    matter.refresh_from_db()
    assert matter.status == Q.REPORTED and not NewsItem.objects.exists()


def test_the_notice_is_published_once_however_often_the_effect_runs(
    staff, deputies, django_capture_on_commit_callbacks
):
    from renda.portal.handlers import qualification_notice

    matter = services.qualification_open(
        actor=staff, deputy=deputies[2], ground="capacity", facts="x"
    )
    services.qualification_report(actor=staff, matter=matter, report="属实")
    with django_capture_on_commit_callbacks(execute=True):
        services.qualification_announce(actor=staff, matter=matter, announcement="特此公告。")
    qualification_notice(matter_id=matter.pk)  # a retried effect
    [notice] = NewsItem.objects.all()
    assert notice.status == "published" and notice.body == "特此公告。"
    assert deputies[2].person.name in notice.title


def test_sweep_raises_what_an_effect_missed(session, deputies):
    from renda.deputies.services.qualification import sweep_absences

    d = deputies[5]
    session(dt.date(2023, 1, 9), absent=[d])
    session(dt.date(2024, 1, 9), absent=[d])
    QualificationMatter.objects.all().delete()  # as if the effect had never run
    assert sweep_absences() == 1
    assert sweep_absences() == 0  # idempotent
    assert [m.status for m in _matters(d)] == [Q.RAISED]


def test_work_list_shows_what_waits_for_the_office(session, deputies, staff, users):
    from renda.deputies.work import deputies_work

    d = deputies[5]
    session(dt.date(2023, 1, 9), absent=[d])
    session(dt.date(2024, 1, 9), absent=[d])
    [item] = deputies_work(staff, dt.date(2024, 2, 1))
    assert d.person.name in str(item.title) and item.rule == "§2.2"
    assert deputies_work(users["deputy"], dt.date(2024, 2, 1)) == []
