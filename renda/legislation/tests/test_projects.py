"""A project from proposal to promulgation (S5; 立法法 第31–45、81、87–88条)."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.core.statute import param
from renda.legislation import selectors, services
from renda.legislation.models import Project, Provision
from renda.meetings.models import Meeting, MeetingDocument
from renda.voting import services as voting

from .conftest import today


def _read(staff, project, meeting):
    reading = services.project_schedule_reading(actor=staff, project=project, meeting=meeting)
    services.project_record_reading(actor=staff, project=project, reading=reading, held_on=meeting.starts_on, opinions="组成人员普遍赞成。")  # fmt: skip
    project.refresh_from_db()
    return reading


def test_a_version_keeps_its_articles_and_a_broken_numbering_is_refused(staff, project):
    v = project.versions.get()
    articles = Provision.objects.filter(version=v, kind="article")
    assert articles.count() == 32 and articles.first().label == "第一条"
    assert Provision.objects.filter(version=v, kind="chapter").count() == 6
    with pytest.raises(DomainError) as exc:
        services.project_add_version(actor=staff, project=project, label="二审稿", text="第一条　甲。\n第三条　乙。")  # fmt: skip
    assert exc.value.code == "draft_structure"
    with pytest.raises(DomainError) as exc:
        services.project_add_version(actor=staff, project=project, label="二审稿", text="没有条文的文字。")  # fmt: skip
    assert exc.value.code == "draft_no_articles"
    assert project.versions.count() == 1  # nothing half-written


def test_three_readings_the_review_and_the_vote_pass_the_bill_and_the_province_approves(
    users, staff, project, sc_meeting, second_draft, django_capture_on_commit_callbacks
):
    assert param("legislation.readings") == 3
    with pytest.raises(Conflict) as exc:  # not yet submitted
        services.project_schedule_reading(actor=staff, project=project, meeting=sc_meeting()[0])
    assert exc.value.code == "status_not_allowed"
    services.project_submit(actor=staff, project=project, submitted_on=today() - dt.timedelta(days=15))  # fmt: skip
    project.refresh_from_db()
    assert project.status == "submitted" and project.readings_required == 3
    # 立法法 第31条: the draft reached the members 20 days ago; a meeting 14 days ago is too soon.
    early, _v = sc_meeting(today() - dt.timedelta(days=14))
    with pytest.raises(Conflict) as exc:
        services.project_schedule_reading(actor=staff, project=project, meeting=early)
    assert exc.value.code == "draft_late"
    first, _v = sc_meeting(today() - dt.timedelta(days=12))
    reading = _read(staff, project, first)
    assert project.status == "in_reading" and reading.number == 1
    assert reading.agenda_item.meeting == first and "第1次审议" in reading.agenda_item.title
    assert MeetingDocument.objects.filter(item=reading.agenda_item, kind="motion").exists()
    reading.agenda_item.refresh_from_db()
    assert reading.agenda_item.disposition == "decided"  # S16: deliberated, not left pending
    with pytest.raises(Conflict) as exc:
        services.project_review(actor=staff, project=project, reviewed_on=today(), report="报告")
    assert exc.value.code == "readings_incomplete"
    services.project_add_version(actor=staff, project=project, label="二审稿", text=second_draft, sent_on=first.starts_on)  # fmt: skip
    _read(staff, project, sc_meeting(today() - dt.timedelta(days=5))[0])
    meeting, voters = sc_meeting(today(), status=Meeting.Status.IN_PROGRESS)
    third = _read(staff, project, meeting)
    assert third.number == 3 and third.version.label == "二审稿"
    with pytest.raises(Conflict) as exc:
        services.project_schedule_reading(actor=staff, project=project, meeting=meeting)
    assert exc.value.code == "readings_complete"
    services.project_review(actor=staff, project=project, reviewed_on=today(), report="法制委员会审议结果的报告。")  # fmt: skip
    services.project_put_to_vote(actor=staff, project=project, meeting=meeting)
    project.refresh_from_db()
    assert project.status == "voting" and project.poll.kind == "decision"
    poll = voting.poll_open(actor=users["leader"], poll=project.poll)
    for user in voters[:4]:  # 4 of 7: a majority of all members (第44条)
        voting.ballot_cast(actor=user, poll=poll, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)
    project.refresh_from_db()
    assert project.status == "passed" and project.tally["yes"] == 4 and project.voted_on == today()
    assert AuditEvent.objects.filter(action="legislation.project.voted").count() == 1
    services.project_send_for_approval(actor=staff, project=project, sent_on=today())
    project.refresh_from_db()
    months = param("legislation.approval_months")
    assert months == 4 and project.approval_due_on.month == (today().month + 3) % 12 + 1
    assert not selectors.approval_overdue(project, today())
    assert selectors.approval_overdue(project, project.approval_due_on + dt.timedelta(days=1))
    services.project_record_approval(actor=staff, project=project, approved_on=today(), reference="省人大常委会批准决定")  # fmt: skip
    with pytest.raises(DomainError) as exc:
        services.project_promulgate(actor=staff, project=project, promulgated_on=today(), announcement="第1号", effective_on=today() - dt.timedelta(days=1))  # fmt: skip
    assert exc.value.code == "date_order"
    services.project_promulgate(actor=staff, project=project, promulgated_on=today(), announcement="清河市人大常委会公告第1号", effective_on=today() + dt.timedelta(days=90))  # fmt: skip
    project.refresh_from_db()
    assert project.status == "promulgated" and not project.in_force_on(today())
    assert project.in_force_on(today() + dt.timedelta(days=90))


def test_a_vote_short_of_a_majority_of_all_members_fails(users, staff, project, sc_meeting, django_capture_on_commit_callbacks):  # fmt: skip
    services.project_submit(actor=staff, project=project, submitted_on=today() - dt.timedelta(days=15))  # fmt: skip
    meeting, voters = sc_meeting(today(), status=Meeting.Status.IN_PROGRESS)
    services.project_fewer_readings(actor=staff, project=project, readings=1, ground="部分修改，各方面意见一致", decided_on=today())  # fmt: skip
    _read(staff, project, meeting)
    services.project_review(actor=staff, project=project, reviewed_on=today(), report="报告。")
    services.project_put_to_vote(actor=staff, project=project, meeting=meeting)
    project.refresh_from_db()
    poll = voting.poll_open(actor=users["leader"], poll=project.poll)
    for user in voters[:3]:  # 3 of 7 is not more than half of all members
        voting.ballot_cast(actor=user, poll=poll, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)
    project.refresh_from_db()
    assert project.status == "not_passed"
    services.project_terminate(actor=staff, project=project, reason="主任会议决定终止审议")
    project.refresh_from_db()
    assert project.status == "terminated"


def test_fewer_readings_need_the_council_decision_with_its_ground(staff, project):
    services.project_submit(actor=staff, project=project, submitted_on=today())
    with pytest.raises(DomainError) as exc:
        services.project_fewer_readings(actor=staff, project=project, readings=3, ground="x", decided_on=today())  # fmt: skip
    assert exc.value.code == "readings_invalid"
    with pytest.raises(DomainError) as exc:
        services.project_fewer_readings(actor=staff, project=project, readings=2, ground="", decided_on=today())  # fmt: skip
    assert exc.value.field == "ground"
    project.refresh_from_db()
    assert project.readings_required == 3
    services.project_fewer_readings(actor=staff, project=project, readings=2, ground="各方面意见比较一致", decided_on=today())  # fmt: skip
    project.refresh_from_db()
    assert project.readings_required == 2 and project.fewer_readings_on == today()


def test_the_number_of_readings_is_the_setting_in_force_when_submitted(staff, project):
    from renda.core.models import RuleSetting

    RuleSetting.objects.create(key="legislation.readings", value="2")
    services.project_submit(actor=staff, project=project, submitted_on=today())
    project.refresh_from_db()
    assert project.readings_required == 2


def test_withdrawal_before_the_vote_with_its_reason(staff, project):
    with pytest.raises(DomainError):
        services.project_withdraw(actor=staff, project=project, reason="")
    services.project_withdraw(actor=staff, project=project, reason="提案人要求撤回")
    project.refresh_from_db()
    assert project.status == Project.Status.WITHDRAWN and project.closing_note == "提案人要求撤回"


def test_only_the_office_may_act(users, project):
    from renda.core.errors import PermissionDenied

    for role in ("member", "deputy", "unit_officer", "leader"):
        with pytest.raises(PermissionDenied):
            services.project_withdraw(actor=users[role], project=project, reason="x")


def test_the_readings_drafts_compare_with_inserted_deleted_and_renumbered_articles(staff, project):
    from renda.devtools.legislation_texts import DOG_DRAFT_V2, DOG_DRAFT_V3

    v1 = project.versions.get()
    v2 = services.project_add_version(
        actor=staff, project=project, label="二审稿", text=DOG_DRAFT_V2
    )
    v3 = services.project_add_version(
        actor=staff, project=project, label="三审稿", text=DOG_DRAFT_V3
    )
    rows, counts = selectors.compare(v1, v2)
    assert (counts["added"], counts["removed"]) == (2, 1) and counts["changed"] >= 8
    moved = [r for r in rows if r.status == "same" and r.renumbered]
    assert moved and all(r.old.text == r.new.text for r in moved)
    assert [r.new.label for r in rows if r.status == "added"] == ["第二十一条", "第二十六条"]
    # An article whose text grew by a sentence stays one changed article.
    rows, counts = selectors.compare(v2, v3)
    assert (counts["added"], counts["removed"], counts["changed"]) == (0, 0, 4)
    grown = next(r for r in rows if r.new and r.new.label == "第二十一条")
    assert grown.status == "changed"
    assert "".join(s.text for s in grown.segments if s.op != "delete") == grown.new.body
