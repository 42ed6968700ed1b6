"""Services of major matters with the database: the annual list, matters, decisions, revocation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core.audit import verify_chain
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.decisions import services as S
from renda.decisions.models import AnnualList, Decision, ListItem, ListSnapshot, Matter
from renda.decisions.selectors import (
    diff_items,
    list_revisions,
    lists_visible_to,
    matter_deadlines,
    matters_visible_to,
)

from .conftest import run_poll

pytestmark = pytest.mark.django_db


def pdf(name="议案.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


def test_categories_of_the_seed_are_data(categories):
    """S12 item 1: five categories, as rows staff may extend."""
    assert [c.name for c in categories.values()][:5] == [
        "规划计划和预算决算",
        "城乡规划和国土资源规划",
        "重大投资、民生项目、专项资金和国有资产处置",
        "生态环境和自然资源",
        "重大政策措施",
    ]


def test_whole_route_of_the_annual_list(users, gov, categories):
    staff, leader = users["staff"], users["leader"]
    lst = S.annual_list_create(actor=gov, year=2027)
    assert lst.status == "draft" and lst.government.code == "government"
    a = S.list_item_add(
        actor=gov,
        annual_list=lst,
        category=categories["plans-budgets"],
        title="关于2027年国民经济和社会发展计划调整的议案",
        planned_quarter=2,
    )
    b = S.list_item_add(
        actor=gov,
        annual_list=lst,
        category=categories["environment-resources"],
        title="关于饮用水水源保护区划定方案的报告",
        kind="report",
        planned_quarter=3,
    )
    # Staff do not see the government's draft; the government does.
    assert not lists_visible_to(staff).filter(pk=lst.pk).exists()
    assert lists_visible_to(gov).filter(pk=lst.pk).exists()
    S.annual_list_submit(actor=gov, annual_list=lst)
    lst.refresh_from_db()
    assert (
        lst.status == "commenting"
        and lst.round == 1
        and lists_visible_to(staff).filter(pk=lst.pk).exists()
    )
    # The government cannot edit while the working bodies comment.
    with pytest.raises(Conflict) as exc:
        S.list_item_update(actor=gov, item=a, planned_quarter=3)
    assert exc.value.code == "status_not_allowed"
    c1 = S.list_comment_add(
        actor=staff, annual_list=lst, text="建议将计划调整提前至第一季度。", item=a
    )
    S.list_comment_add(actor=staff, annual_list=lst, text="清单总体可行。")
    assert c1.body.code == "office"
    S.annual_list_close_comments(actor=staff, annual_list=lst)
    S.list_item_update(actor=gov, item=a, planned_quarter=1)
    S.list_item_remove(actor=gov, item=b)
    S.list_item_add(
        actor=gov,
        annual_list=lst,
        category=categories["major-policies"],
        title="关于实施城乡居民医保市级统筹的事前报告",
        kind="prior_report",
        planned_quarter=4,
    )
    S.list_comment_respond(actor=gov, comment=c1, response="已采纳，调整为第一季度。")
    S.annual_list_submit(actor=gov, annual_list=AnnualList.objects.get(pk=lst.pk))
    lst.refresh_from_db()
    assert lst.status == "awaiting_consent" and lst.round == 2
    # The revision history shows what changed between the two submissions.
    revisions = list_revisions(lst)
    changes = {c.title: c for c in revisions[1]["changes"]}
    assert changes["关于2027年国民经济和社会发展计划调整的议案"].fields == [("quarter", 2, 1)]
    assert changes["关于饮用水水源保护区划定方案的报告"].change == "removed"
    assert changes["关于实施城乡居民医保市级统筹的事前报告"].change == "added"
    # The council cannot adopt before the party committee's consent (S2).
    with pytest.raises(Conflict):
        S.annual_list_adopt(actor=leader, annual_list=lst)
    S.annual_list_record_consent(
        actor=staff,
        annual_list=lst,
        consented_on=timezone.localdate(),
        reference="清委〔2026〕88号",
    )
    with pytest.raises(PermissionDenied):
        S.annual_list_adopt(actor=staff, annual_list=lst)
    S.annual_list_adopt(actor=leader, annual_list=lst)
    S.annual_list_publish(actor=staff, annual_list=lst)
    lst.refresh_from_db()
    assert lst.status == "published" and lst.published_at
    matters = Matter.objects.filter(annual_list=lst).order_by("planned_quarter")
    assert [(m.kind, m.planned_quarter, m.status) for m in matters] == [
        ("decision", 1, "listed"),
        ("prior_report", 4, "listed"),
    ]
    assert ListSnapshot.objects.filter(annual_list=lst).count() == 3
    actions = set(
        AuditEvent.objects.filter(action__startswith="decisions.list.").values_list(
            "action", flat=True
        )
    )
    assert {
        "decisions.list.submitted",
        "decisions.list.consent_recorded",
        "decisions.list.adopted",
        "decisions.list.published",
    } <= actions
    assert verify_chain().ok


def test_change_during_the_year_follows_the_same_route_and_keeps_history(
    users, gov, categories, published_list
):
    staff = users["staff"]
    base = published_list()
    first, second = base.items.order_by("order")
    change = S.annual_list_change_start(
        actor=gov, base=base, explanation="新增一项重大投资，第二项延后。"
    )
    assert change.version == 2 and change.items.count() == 2
    with pytest.raises(Conflict) as exc:
        S.annual_list_change_start(actor=gov, base=base, explanation="再次调整")
    assert exc.value.code == "change_open"
    copy_second = change.items.get(matter=second.matter)
    S.list_item_update(actor=gov, item=copy_second, planned_quarter=4)
    S.list_item_remove(actor=gov, item=change.items.get(matter=first.matter))
    S.list_item_add(
        actor=gov,
        annual_list=change,
        category=categories["investments-assets"],
        title="关于市第一人民医院新院区建设项目的议案",
        planned_quarter=4,
    )
    S.annual_list_submit(actor=gov, annual_list=change)
    S.annual_list_close_comments(actor=staff, annual_list=change)
    S.annual_list_submit(actor=gov, annual_list=change)
    S.annual_list_record_consent(actor=staff, annual_list=change, consented_on=timezone.localdate())
    S.annual_list_adopt(actor=users["leader"], annual_list=change)
    S.annual_list_publish(actor=staff, annual_list=change)
    base.refresh_from_db()
    assert base.status == "superseded"
    first.matter.refresh_from_db()
    second.matter.refresh_from_db()
    assert first.matter.status == "withdrawn"
    assert second.matter.planned_quarter == 4 and second.matter.status == "listed"
    assert Matter.objects.filter(
        title="关于市第一人民医院新院区建设项目的议案", annual_list=change
    ).exists()
    # Diff against the base version, item by item (matters as keys).
    changes = {c.title: c.change for c in list_revisions(change)[0]["changes"]}
    assert changes == {
        "关于2026年市级财政预算调整方案的议案": "removed",
        "关于清河新区控制性详细规划的报告": "changed",
        "关于市第一人民医院新院区建设项目的议案": "added",
    }


def test_government_officer_sees_and_edits_only_its_own(users, gov, categories, government):
    from renda.accounts.models import Role, User
    from renda.people.models import Organization

    lst = S.annual_list_create(actor=gov, year=2027)
    other_gov = Organization.objects.create(
        code="gov-b", name="邻县人民政府", kind=Organization.Kind.GOVERNMENT
    )
    other = User.objects.create_user(
        "t-gov-b", password="x", role=Role.UNIT_OFFICER, scope=other_gov
    )
    assert not lists_visible_to(other).exists()
    with pytest.raises(PermissionDenied) as exc:
        S.list_item_add(
            actor=other,
            annual_list=lst,
            category=categories["plans-budgets"],
            title="越权事项",
            planned_quarter=1,
        )
    assert exc.value.code == "not_own_list"
    # A department's officer is no government officer: no permission at all.
    with pytest.raises(PermissionDenied):
        S.list_item_add(
            actor=users["unit_officer"],
            annual_list=lst,
            category=categories["plans-budgets"],
            title="越权事项",
            planned_quarter=1,
        )
    assert not ListItem.objects.exists()
    assert not matters_visible_to(users["unit_officer"]).exists()
    assert not users["deputy"].has_perm("decisions.view")


def test_bad_input_is_refused_and_changes_nothing(users, gov, categories):
    lst = S.annual_list_create(actor=gov, year=2027)
    with pytest.raises(DomainError) as exc:
        S.list_item_add(
            actor=gov,
            annual_list=lst,
            category=categories["plans-budgets"],
            title="  ",
            planned_quarter=1,
        )
    assert exc.value.code == "field_required" and exc.value.field == "title"
    with pytest.raises(DomainError) as exc:
        S.list_item_add(
            actor=gov,
            annual_list=lst,
            category=categories["plans-budgets"],
            title="事项",
            planned_quarter=5,
        )
    assert exc.value.code == "quarter_invalid"
    with pytest.raises(DomainError) as exc:
        S.list_item_add(
            actor=gov,
            annual_list=lst,
            category=categories["plans-budgets"],
            title="事项",
            planned_quarter=1,
            kind="revocation",
        )
    assert exc.value.code == "invalid_choice"
    with pytest.raises(DomainError) as exc:
        S.annual_list_submit(actor=gov, annual_list=lst)
    assert exc.value.code == "list_empty"
    with pytest.raises(Conflict) as exc:
        S.annual_list_create(actor=gov, year=2027)
    assert exc.value.code == "list_exists"
    lst.refresh_from_db()
    assert lst.status == "draft" and lst.round == 0 and not lst.items.exists()


def test_matter_goes_on_the_agenda_and_is_decided_by_a_poll(
    users, gov, published_list, sc_meeting, committee
):
    from renda.meetings.models import AgendaItem, MeetingDocument
    from renda.voting.models import Poll

    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="decision")
    S.material_add(actor=gov, matter=matter, kind="motion", title="议案文本", file=pdf())
    with pytest.raises(DomainError) as exc:
        S.material_add(
            actor=gov,
            matter=matter,
            kind="motion",
            title="坏文件",
            file=SimpleUploadedFile("x.pdf", b"not a pdf"),
        )
    assert exc.value.code == "upload_type"
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    matter.refresh_from_db()
    assert matter.status == "scheduled" and matter.agenda_item.kind == AgendaItem.Kind.MAJOR_MATTER
    assert MeetingDocument.objects.filter(item=matter.agenda_item, kind="motion").exists()
    with pytest.raises(DomainError) as exc:
        S.decision_propose(actor=staff, matter=matter, kind="revocation", title="x", text="y")
    assert exc.value.code == "invalid_choice"
    decision = S.decision_propose(
        actor=staff,
        matter=matter,
        kind="decision",
        title="关于批准2026年市级财政预算调整方案的决定",
        text="批准市人民政府提出的预算调整方案。",
    )
    assert (
        decision.poll.kind == Poll.Kind.DECISION
        and decision.poll.agenda_item_id == matter.agenda_item_id
    )
    with pytest.raises(Conflict) as exc:
        S.decision_record_outcome(actor=staff, decision=decision)
    assert exc.value.code == "poll_not_sealed"
    run_poll(staff, sc_meeting, decision.poll, committee, ["yes", "yes", "no"])
    decision = S.decision_record_outcome(actor=staff, decision=decision)
    assert (
        decision.status == "adopted"
        and decision.tally["yes"] == 2
        and decision.tally["threshold"] == 2
    )
    matter.refresh_from_db()
    assert matter.status == "decided"
    # Recording again changes nothing and does not fail.
    again = S.decision_record_outcome(actor=staff, decision=decision)
    assert again.status == "adopted" and again.recorded_at == decision.recorded_at
    decision = S.decision_publish(actor=staff, decision=decision)
    assert decision.status == "published" and decision.published_at


def test_failed_vote_is_recorded_as_rejected(users, gov, published_list, sc_meeting, committee):
    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="decision")
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    decision = S.decision_propose(
        actor=staff, matter=matter, kind="resolution", title="关于某事项的决议", text="决议正文"
    )
    run_poll(staff, sc_meeting, decision.poll, committee, ["yes", "no", "abstain"])
    decision = S.decision_record_outcome(actor=staff, decision=decision)
    assert decision.status == "rejected"
    matter.refresh_from_db()
    assert matter.status == "rejected"
    with pytest.raises(Conflict) as exc:
        S.decision_publish(actor=staff, decision=decision)
    assert exc.value.code == "status_not_allowed"


def test_report_opinions_become_a_case_for_the_government(
    users, gov, published_list, sc_meeting, government
):
    """Rules §6.5: opinions on a major-matter report are handled within 3 months, at most 6."""
    from renda.casework import services as cw
    from renda.casework.selectors import cases_visible_to

    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="report")
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    S.matter_conclude(actor=staff, matter=matter, conclusion="会议听取并审议了该报告。")
    start = dt.datetime(2026, 12, 11, 10, tzinfo=dt.UTC)
    case = S.opinions_send(actor=staff, matter=matter, text="建议进一步做好规划公示。", now=start)
    assert case.kind.reply_amount == 3 and case.kind.extended_amount == 6
    assert case.due_on == dt.date(2027, 3, 11)
    lead = case.assignments.get(role="lead")
    assert lead.unit == government
    # The government answers through the casework queue.
    assert cases_visible_to(gov).filter(pk=case.pk).exists()
    cw.assignment_receive(actor=gov, case=case)
    cw.reply_submit(
        actor=gov,
        case=case,
        text="已按审议意见完善规划公示。",
        result_class="A",
        signed_by_name="市长",
    )
    case.refresh_from_db()
    assert case.replies.count() == 1
    with pytest.raises(Conflict) as exc:
        S.opinions_send(actor=staff, matter=matter, text="再次", now=start)
    assert exc.value.code == "opinions_sent"


def test_revocation_motion_is_voted_recorded_and_published(
    users, categories, sc_meeting, committee, government
):
    staff = users["staff"]
    with pytest.raises(DomainError) as exc:
        S.matter_create(
            actor=staff,
            category=categories["major-policies"],
            kind="revocation",
            title="关于撤销市人民政府《关于调整出租车经营权的决定》的议案",
            proposing_body=government,
        )
    assert exc.value.field == "revoked_title"
    matter = S.matter_create(
        actor=staff,
        category=categories["major-policies"],
        kind="revocation",
        title="关于撤销市人民政府《关于调整出租车经营权的决定》的议案",
        proposing_body=government,
        revoked_title="关于调整出租车经营权的决定",
        revoked_number="清政发〔2026〕12号",
        revoked_issued_on=dt.date(2026, 5, 1),
        grounds="未经公众参与、专家论证和合法性审查等法定程序作出。",
    )
    assert matter.status == "registered"
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    decision = S.decision_propose(
        actor=staff,
        matter=matter,
        kind="revocation",
        title="关于撤销《关于调整出租车经营权的决定》的决定",
        text="予以撤销。",
    )
    run_poll(staff, sc_meeting, decision.poll, committee, ["yes", "yes", "yes"])
    S.decision_record_outcome(actor=staff, decision=decision)
    decision = S.decision_publish(actor=staff, decision=decision)
    assert decision.kind == "revocation" and decision.status == "published"
    assert Decision.objects.filter(status="published", kind="revocation").count() == 1


def test_lead_time_of_a_motion_is_thirty_days(users, gov, published_list, sc_meeting):
    """Rules §6.3: motions 30 days, reports 20 days before the meeting (a setting)."""
    from renda.core.models import RuleSetting

    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="decision")
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    matter.refresh_from_db()
    rows = matter_deadlines(matter, dt.date(2026, 11, 1))
    assert (
        rows[0].due == dt.date(2026, 11, 10)
        and rows[0].state == "waiting"
        and rows[0].rule == "§6.3"
    )
    assert matter_deadlines(matter, dt.date(2026, 11, 11))[0].state == "missing"
    S.material_add(
        actor=staff,
        matter=matter,
        kind="motion",
        title="议案文本",
        file=pdf(),
        received_on=dt.date(2026, 11, 12),
    )
    matter.refresh_from_db()
    assert matter_deadlines(matter, dt.date(2026, 11, 12))[0].state == "late"
    RuleSetting.objects.create(key="lead.major_matter_motion_days", value="20")
    row = matter_deadlines(matter, dt.date(2026, 11, 12))[0]
    assert row.due == dt.date(2026, 11, 20) and row.state == "ok"


def test_diff_items_marks_changes():
    before = [{"key": 1, "title": "甲", "quarter": 1}, {"key": 2, "title": "乙", "quarter": 2}]
    after = [{"key": 1, "title": "甲", "quarter": 3}, {"key": 3, "title": "丙", "quarter": 1}]
    rows = {r.title: r for r in diff_items(before, after)}
    assert rows["甲"].change == "changed" and rows["甲"].fields == [("quarter", 1, 3)]
    assert rows["乙"].change == "removed" and rows["丙"].change == "added"


def test_sealed_poll_records_the_outcome_without_the_button(
    users, gov, published_list, sc_meeting, committee, django_capture_on_commit_callbacks
):
    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="decision")
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    decision = S.decision_propose(
        actor=staff, matter=matter, kind="decision", title="关于某事项的决定", text="决定正文"
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_poll(staff, sc_meeting, decision.poll, committee, ["yes", "yes", "abstain"])
    decision.refresh_from_db()
    matter.refresh_from_db()
    assert decision.status == "adopted" and decision.tally == {
        **decision.tally,
        "yes": 2,
        "abstain": 1,
        "result": "passed",
    }
    assert decision.decided_on and matter.status == "decided"
    events = AuditEvent.objects.filter(
        action="decisions.decision.recorded", object_id=str(decision.pk)
    )
    assert [e.changes["automatic"] for e in events] == [True]
    # The button afterwards: nothing changes, nothing fails, no second event.
    assert S.decision_record_outcome(actor=staff, decision=decision).status == "adopted"
    assert events.count() == 1


def test_sealed_revocation_motion_records_a_failed_vote(
    users, categories, government, sc_meeting, committee, django_capture_on_commit_callbacks
):
    staff = users["staff"]
    matter = S.matter_create(
        actor=staff,
        category=categories["plans-budgets"],
        kind="revocation",
        title="关于撤销某决定的议案",
        proposing_body=government,
        revoked_title="某决定",
        grounds="未经法定程序作出。",
    )
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    decision = S.decision_propose(
        actor=staff, matter=matter, kind="revocation", title="关于撤销某决定的决定", text="撤销。"
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_poll(staff, sc_meeting, decision.poll, committee, ["yes", "no", "no"])
    decision.refresh_from_db()
    matter.refresh_from_db()
    assert (
        decision.status == "rejected" and decision.tally["no"] == 2 and matter.status == "rejected"
    )


def test_a_poll_of_no_decision_is_ignored(
    users, sc_meeting, committee, django_capture_on_commit_callbacks
):
    from renda.meetings.services import agenda_item_add
    from renda.voting.services import poll_create

    staff = users["staff"]
    item = agenda_item_add(actor=staff, meeting=sc_meeting, kind="other", title="其他事项")
    poll = poll_create(actor=staff, agenda_item=item, kind="decision")
    with django_capture_on_commit_callbacks(execute=True):
        poll = run_poll(staff, sc_meeting, poll, committee, ["yes", "yes", "yes"])
    assert poll.status == "sealed" and not Decision.objects.exists()
