"""Casework (§1.6–§1.10, S27): the deadlines a new case is given and the windows it keeps."""

from __future__ import annotations

import datetime as dt

from renda.casework import services as cw
from renda.casework.kinds import ensure_kind
from renda.people.models import Organization

from .cases import Case, D, Scenario, at, registry, verdict

CASES: dict[str, Case] = {}
case = registry(CASES)


def assigned_case(s: Scenario, kind, now: dt.datetime, *, co_handlers=()):
    """A new case of ``kind`` from the deputy user, assigned to the unit at ``now``."""
    users = s.users
    new = cw.case_create(
        actor=users["staff"],
        kind=kind,
        title=f"事项{s.serial()}",
        summary="请研究办理。",
        requesters=[users["deputy"].person],
        source_type="tests.thing",
        source_id=s.serial(),
        now=now,
    )
    return cw.case_assign(
        actor=users["staff"],
        case=new,
        lead=s.fixture("unit"),
        co_handlers=list(co_handlers),
        now=now,
    )


def kind():
    """The kind a new case of this test is created with: it follows the casework settings."""
    return ensure_kind(code="effect-kind", name="测试事项")


def replied_case(s: Scenario, day: dt.date):
    """A case assigned, contacted and replied to on ``day``."""
    officer = s.users["unit_officer"]
    c = assigned_case(s, kind(), at(day))
    cw.assignment_receive(actor=officer, case=c, now=at(day))
    cw.contact_log(
        actor=officer, case=c, contacted_on=day, method="phone", note="电话沟通", now=at(day)
    )
    cw.reply_submit(
        actor=officer,
        case=c,
        text="已经解决。",
        result_class="A",
        signed_by_name="张局长",
        now=at(day, 15),
    )
    c.refresh_from_db()
    return c


@case("casework.contact_workdays", value="10", default=D(2026, 7, 1), changed=D(2026, 6, 16))
def contact_workdays(s: Scenario):
    """§1.10: the lead unit first contacts the deputy within the working days of the setting."""
    c = assigned_case(s, kind(), at(D(2026, 6, 2)))
    return c.assignments.get(role="lead").contact_due_on


@case("casework.co_opinion_months", value="2", default=D(2026, 7, 2), changed=D(2026, 8, 2))
def co_opinion(s: Scenario):
    """§1.9: a co-handling unit gives its opinion within the months of the setting."""
    other = s.once(
        "co",
        lambda: Organization.objects.create(
            code="co-unit", name="清河市卫生健康委", kind="government_department"
        ),
    )
    c = assigned_case(s, kind(), at(D(2026, 6, 2)), co_handlers=[other])
    return c.assignments.get(role="co").due_on


@case("casework.return_window_workdays", value="10", default="return_window_passed", changed="accepted")  # fmt: skip
def return_window(s: Scenario):
    """§1.8: a unit asks to return a case six working days after it was assigned."""
    c = assigned_case(s, kind(), at(D(2026, 6, 1)))
    return verdict(
        lambda: cw.return_request(
            actor=s.users["unit_officer"], case=c, reason="不属于本单位职责", now=at(D(2026, 6, 9))
        )
    )


@case("casework.rating_window_workdays", value="10", default=D(2026, 6, 24), changed=D(2026, 6, 16))  # fmt: skip
def rating_window(s: Scenario):
    """§1.7: the deputy rates a reply within the working days of the setting."""
    return replied_case(s, D(2026, 6, 2)).rating_due_on


@case("casework.rehandle_months", value="2", default=D(2026, 7, 10), changed=D(2026, 8, 10))
def rehandle(s: Scenario):
    """§1.6, S27: a dissatisfied rating verified for re-handling gives the unit a new period."""
    c = replied_case(s, D(2026, 6, 2))
    cw.rating_submit(
        actor=s.users["deputy"], case=c, value="dissatisfied", comment="问题没有解决。",
        now=at(D(2026, 6, 5)),
    )  # fmt: skip
    verification = cw.dissatisfaction_verify(
        actor=s.staff, case=c, rehandle=True, finding="确未解决", now=at(D(2026, 6, 10))
    )
    return verification.new_due_on


@case("casework.assign_workdays", value="5", default=D(2026, 6, 16), changed=D(2026, 6, 9))
def assign_workdays(s: Scenario):
    """§1.10: a suggestion submitted on 2 June is due to be assigned within the working days."""
    from renda.people.models import Deputy
    from renda.suggestions import services as S
    from renda.suggestions.work import suggestions_work

    def submitted():
        users = s.users
        Deputy.objects.create(person=users["deputy"].person, term=s.term)
        draft = S.suggestion_create(
            actor=users["deputy"], title="关于加强乡村教师队伍建设的建议",
            content="乡村教师编制不足，待遇偏低。建议提高乡村教师待遇。", category="education",
            now=at(D(2026, 6, 2)),
        )  # fmt: skip
        S.suggestion_submit(actor=users["deputy"], suggestion=draft, now=at(D(2026, 6, 2)))

    s.once("submitted", submitted)
    (item,) = [w for w in suggestions_work(s.staff, D(2026, 6, 3)) if w.rule == "§1.10"]
    return item.due
