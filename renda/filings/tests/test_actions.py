"""The declared actions of filing review, performed as services: refused without the permission or in the
wrong state with nothing written, and on success exactly one audit event with the kept code."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.actions import PUBLIC, REGISTRY, SYSTEM, SystemActor
from renda.core.errors import Conflict, PermissionDenied
from renda.core.models import AuditEvent
from renda.filings import services as S
from renda.filings.models import Filing, Receipt, Review, ReviewSuggestion
from renda.people.models import Organization

pytestmark = pytest.mark.django_db


def _events(prefix: str = "filings.") -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith=prefix)
        .order_by("seq")
        .values_list("action", flat=True)
    )


class Snapshot:
    """The audit events before an attempt, to prove an attempt wrote nothing (or exactly one)."""

    def __init__(self) -> None:
        self.before = _events()

    def new(self) -> list[str]:
        return _events()[len(self.before) :]


def _suggestion():
    return S.review_suggestion_submit(
        proposer_name="王某",
        contact="13800000000",
        document_reference="清教发〔2026〕1号",
        reasons="该文件设定罚款没有法律依据，请予审查。",
    )


@pytest.fixture
def working_body(jurisdiction):
    return Organization.objects.create(code="t-legal", name="法制工作委员会", kind="working_body")


def test_every_action_is_named_for_filings_and_keeps_an_audit_code():
    declared = [a for name, a in REGISTRY.items() if name.startswith("filings.")]
    assert len(declared) >= 25
    for act in declared:
        assert act.name.count(".") == 2 and act.audit.startswith("filings.")
        assert act.permission in (SYSTEM, PUBLIC) or act.permission.startswith("filings.")


# -- refused without the permission: nothing written ---------------------------------------------


@pytest.mark.parametrize(
    ("role", "act"),
    [
        ("unit_officer", "register"),
        ("member", "register"),
        ("unit_officer", "return"),
        ("leader", "transfer"),
    ],
)
def test_filing_actions_refuse_a_role_without_permission(users, make_filing, role, act):
    f = make_filing()
    snap = Snapshot()
    kwargs = {"return": {"reason": "不完整"}, "transfer": {"to": "省人大常委会"}}.get(act, {})
    with pytest.raises(PermissionDenied):
        getattr(S, f"filing_{act}")(actor=users[role], filing=f, **kwargs)
    f.refresh_from_db()
    assert f.status == Filing.Status.SUBMITTED and snap.new() == []
    assert not Receipt.objects.exists()


def test_the_platforms_actions_refuse_people(staff, registered):
    snap = Snapshot()
    with pytest.raises(PermissionDenied):
        S.filing_conclude(actor=staff, filing=registered)
    with pytest.raises(PermissionDenied):
        S.revocation_carry(actor=staff, item=registered.review_items.get())
    registered.refresh_from_db()
    assert registered.status == Filing.Status.REGISTERED and snap.new() == []


def test_suggestion_actions_refuse_a_role_without_permission(users):
    s = _suggestion()
    snap = Snapshot()
    with pytest.raises(PermissionDenied):
        S.review_suggestion_request_completion(actor=users["deputy"], suggestion=s, note="补充")
    with pytest.raises(PermissionDenied):
        S.review_suggestion_not_start(actor=users["unit_officer"], suggestion=s, note="不属于")
    s.refresh_from_db()
    assert s.status == ReviewSuggestion.Status.RECEIVED and snap.new() == []


def test_only_a_leader_extends(users, registered):
    review = registered.reviews.get()
    snap = Snapshot()
    with pytest.raises(PermissionDenied):
        S.review_extend(actor=users["staff"], review=review, reason="情况复杂")
    assert snap.new() == []
    S.review_extend(actor=users["leader"], review=review, reason="情况复杂")
    assert snap.new() == ["filings.review.extended"]


# -- wrong status: status_not_allowed, nothing written ---------------------------------------------


def test_filing_actions_in_the_wrong_status(staff, filer, registered):
    snap = Snapshot()
    for call in (
        lambda: S.filing_register(actor=staff, filing=registered),
        lambda: S.filing_return(actor=staff, filing=registered, reason="不完整"),
        lambda: S.filing_correct(actor=filer, filing=registered, note="补正"),
    ):
        with pytest.raises(Conflict) as err:
            call()
        assert err.value.code == "status_not_allowed"
    registered.refresh_from_db()
    assert registered.status == Filing.Status.REGISTERED and snap.new() == []


def test_suggestion_actions_in_the_wrong_status(staff):
    s = _suggestion()
    snap = Snapshot()
    with pytest.raises(Conflict) as err:
        S.review_suggestion_feedback(actor=staff, suggestion=s, text="审查结果")
    assert err.value.code == "status_not_allowed" and snap.new() == []
    S.review_suggestion_transfer(actor=staff, suggestion=s, to="省人大常委会")
    with pytest.raises(Conflict) as err:
        S.review_suggestion_request_completion(actor=staff, suggestion=s, note="补充")
    assert err.value.code == "status_not_allowed"
    assert snap.new() == ["filings.suggestion.transferred"]


def test_review_actions_on_a_concluded_review_keep_their_code(staff, registered, working_body):
    item = registered.review_items.get()
    S.checklist_save(actor=staff, item=item, answers={"legality": "ok"})
    S.outcome_record(actor=staff, item=item, outcome="no_problem")
    review = registered.reviews.get()
    snap = Snapshot()
    with pytest.raises(Conflict) as err:
        S.review_route(actor=staff, review=review, body=working_body)
    assert err.value.code == "review_concluded"
    with pytest.raises(Conflict) as err:
        S.checklist_save(actor=staff, item=item, answers={"legality": "ok"})
    assert err.value.code == "item_decided"
    assert snap.new() == []


# -- success: one audit event with the kept code -------------------------------------------------------


def test_each_action_writes_one_event_with_its_code(staff, filer, make_filing, working_body):
    f = make_filing()
    snap = Snapshot()
    S.filing_return(actor=staff, filing=f, reason="正文不完整")
    assert snap.new() == ["filings.filing.returned"]
    snap = Snapshot()
    S.filing_correct(actor=filer, filing=f, note="已补全")
    assert snap.new() == ["filings.filing.corrected"]
    snap = Snapshot()
    S.filing_register(actor=staff, filing=f)
    # The active review opens inside the registration (its own event, marked as within).
    assert snap.new() == ["filings.review.opened", "filings.filing.registered"]
    event = AuditEvent.objects.get(action="filings.filing.registered")
    assert event.object_id == str(f.pk) and event.changes["status"] == ["submitted", "registered"]
    review = f.reviews.get()
    for call, code in (
        (lambda: S.review_route(actor=staff, review=review, body=working_body), "routed"),
        (
            lambda: S.committee_view_request(actor=staff, review=review, committee=working_body),
            "view.requested",
        ),
        (
            lambda: S.hearing_record(
                actor=staff,
                review=review,
                kind="hearing",
                held_on=dt.date.today(),
                participants="专家",
                summary="意见",
            ),
            "hearing.recorded",
        ),
    ):
        snap = Snapshot()
        call()
        assert snap.new() == [f"filings.{code}" if "." in code else f"filings.review.{code}"]
    view = review.committee_views.get()
    snap = Snapshot()
    S.committee_view_submit(actor=staff, view=view, text="书面意见")
    assert snap.new() == ["filings.view.submitted"]
    with pytest.raises(Conflict) as err:
        S.committee_view_submit(actor=staff, view=view, text="again")
    assert err.value.code == "view_submitted"


def test_the_last_outcome_concludes_the_review_and_the_filing_with_events(staff, registered):
    """The defect fixed: the filing's move to concluded is an audited action, not a bare UPDATE."""
    item = registered.review_items.get()
    S.checklist_save(actor=staff, item=item, answers={"legality": "ok"})
    snap = Snapshot()
    S.outcome_record(actor=staff, item=item, outcome="no_problem")
    assert snap.new() == [
        "filings.review.concluded",
        "filings.filing.concluded",
        "filings.outcome.recorded",
    ]
    registered.refresh_from_db()
    assert registered.status == Filing.Status.CONCLUDED
    event = AuditEvent.objects.get(action="filings.filing.concluded")
    assert event.changes["status"] == ["registered", "concluded"] and event.changes["within"]
    # A new review reopens it, audited too.
    snap = Snapshot()
    S.review_start(actor=staff, kind=Review.Kind.ON_REQUEST, filings=[registered])
    assert snap.new() == ["filings.filing.reopened", "filings.review.opened"]
    registered.refresh_from_db()
    assert registered.status == Filing.Status.REGISTERED


def test_suggestion_decisions(staff, registered):
    s = _suggestion()
    snap = Snapshot()
    S.review_suggestion_request_completion(actor=staff, suggestion=s, note="请补充文号")
    assert snap.new() == ["filings.suggestion.completion_requested"]
    S.review_suggestion_supplement(suggestion=s, text="文号为清教发〔2026〕1号")
    snap = Snapshot()
    S.review_suggestion_start(actor=staff, suggestion=s, filing=registered)
    assert snap.new() == ["filings.review.opened", "filings.suggestion.decided"]
    s.refresh_from_db()
    assert s.status == ReviewSuggestion.Status.UNDER_REVIEW
    with pytest.raises(Conflict) as err:
        S.review_suggestion_feedback(actor=staff, suggestion=s, text="结果")
    assert err.value.code == "review_open"


def test_yearly_actions(staff):
    year = dt.date.today().year
    snap = Snapshot()
    rows = S.catalogue_reminders_send(actor=staff, year=year - 1)
    report = S.annual_report_prepare(actor=staff, year=year, summary="概述")
    S.annual_report_publish(actor=staff, report=report)
    assert rows and snap.new() == [
        "filings.catalogue.reminded",
        "filings.report.prepared",
        "filings.report.published",
    ]
    snap = Snapshot()
    with pytest.raises(Conflict) as err:
        S.annual_report_publish(actor=staff, report=report)
    assert err.value.code == "report_published" and snap.new() == []


def test_the_sealed_polls_action_records_once_with_the_person(staff, registered):
    """No flag: the seal's action is SYSTEM, the office's button needs filings.manage."""
    item = registered.review_items.get()
    assert S.revocation_carry.permission == SYSTEM
    assert S.revocation_record.permission == "filings.manage"
    assert S.revocation_carry.work is not None and S.revocation_record.work is not None
    with pytest.raises(Conflict) as err:
        S.revocation_carry(actor=SystemActor(staff, "poll sealed"), item=item)
    assert err.value.code == "not_revocation"
