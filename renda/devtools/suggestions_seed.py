"""Demo suggestions: the January 2026 congress session's and those made between sessions.

About 600 suggestions with the texts of :mod:`renda.devtools.suggestions_demo`, in
every state the suggestion workflow and the casework engine know: drafts, awaiting
screening, not accepted (with §1.5 reason codes), accepted, assigned awaiting
receipt, in handling (some overdue, some extended), replied with result classes
A–D (signed by the unit's head, some withheld from publication), rated, dissatisfied,
verified and re-handled, key-supervised.

The timeline is planned against :data:`DEMO_TODAY`, so the data is the same on
every run with the same seed. The rows go in with ``bulk_create`` keeping the
invariants the services keep (a contact before each reply, co-handlers' opinions
before the lead's reply, deadlines counted by the engine's rules, a rating only
after a reply…), with one ``devtools.suggestions_seeded`` audit event. A handful
of suggestions of the demo deputy, handled by the demo unit officer, go through
the real services with explicit dates, so the demo accounts have a full timeline.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.casework import services as casework
from renda.casework.deadlines import add_period
from renda.casework.models import (
    Assignment,
    Case,
    CaseRequester,
    Contact,
    ExtensionRequest,
    Rating,
    Reply,
    SupervisionNote,
    Verification,
)
from renda.core import workdays
from renda.core.audit import audit_record
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Membership, Organization, Term
from renda.suggestions import services as suggestion_services
from renda.suggestions.assignment import (
    SOURCE_TYPE,
    propose_units,
    suggestion_assign,
    suggestion_kind,
)
from renda.suggestions.models import CoSigner, Suggestion

from .suggestions_demo import SuggestionText, build_suggestion_texts

#: The day the demo timeline is planned against (overdue = due before it and still being handled).
DEMO_TODAY = dt.date(2026, 11, 28)
#: All session suggestions were assigned at one assignment meeting (交办会).
SESSION_ASSIGNED_ON = dt.date(2026, 2, 10)

CATEGORY_CODES = {
    "教育": "education",
    "交通": "transport",
    "医疗卫生": "health",
    "城乡建设": "construction",
    "生态环保": "environment",
    "社会保障": "social_security",
    "民政": "civil_affairs",
    "公共安全": "public_safety",
    "农业农村": "agriculture",
    "城市管理": "urban_management",
    "经济发展": "economy",
    "文化旅游": "culture_tourism",
    "其他": "other",
}
#: Supervising committee by category for key-supervised suggestions.
KEY_COMMITTEES = {
    "education": "sp-education",
    "health": "sp-education",
    "culture_tourism": "sp-education",
    "economy": "sp-finance",
    "agriculture": "sp-finance",
    "construction": "sp-finance",
    "public_safety": "sp-legal",
    "other": "sp-legal",
}

# fmt: off
#: How many suggestions of the congress session end in each state.
SESSION_STATES = (
    ("not_accepted", 22), ("withdrawn", 3), ("awaiting_receipt", 2), ("in_handling", 10),
    ("extended_in_handling", 4), ("extended_rated", 4), ("replied", 8), ("replied_closed", 5),
    ("dissatisfied", 4), ("dissatisfied_closed", 5), ("rehandling", 3), ("rehandled", 6),
)
SESSION_COUNT = 520
#: How many suggestions made between sessions end in each state; the rest are rated.
BETWEEN_STATES = (
    ("draft", 8), ("submitted", 10), ("accepted", 4), ("not_accepted", 7), ("awaiting_receipt", 6),
    ("received", 4), ("in_handling", 10), ("replied", 6),
)
BETWEEN_COUNT = 84
KEY_SESSION, KEY_BETWEEN = 14, 2

RESULT_WEIGHTS = (("A", 46), ("B", 30), ("C", 15), ("D", 9))
RATING_WEIGHTS = (("satisfied", 72), ("basically", 28))
NOT_ACCEPTED = (
    (("not_specific",), "建议内容较为笼统，未提出具体问题和可行措施，请补充完善后再提出。"),
    (("personal",), "所反映事项涉及代表亲属的个人诉求，建议通过信访等渠道依法反映。"),
    (("complaint",), "所反映事项属于对具体人员的检举控告，已转有关机关依法处理。"),
    (("pending_case",), "所涉事项为人民法院尚未审结的诉讼案件，不宜作为代表建议交办。"),
    (("tender",), "建议涉及具体工程项目的招标投标，不属于代表建议范围。"),
    (("promotion",), "建议内容主要为推介企业产品，不属于代表建议范围。"),
    (("forwarded_letter",), "系转交群众来信，已按信访程序转有关部门办理。"),
    (("not_specific", "other"), "同一事项已在本次会议其他建议中提出，建议作为联名代表参与。"),
)
CONTACT_NOTES = (
    "就建议办理思路与代表电话沟通，代表表示理解并提出补充意见。",
    "走访代表当面听取意见，介绍了相关工作进展和下一步打算。",
    "邀请代表参加办理工作座谈会，共同研究解决方案。",
    "书面征求代表对答复初稿的意见，代表表示基本认可。",
    "陪同代表实地察看现场，现场研究解决措施。",
)
CO_OPINIONS = (
    "我单位已认真研究，同意主办单位的办理意见，将按职责做好配合工作。",
    "根据我单位职责，提出协办意见如下：将在年度计划中统筹安排相关资金，配合主办单位推进落实。",
    "我单位将加强部门协作，在政策、项目等方面给予支持。",
)
REPLY_OPENING = "{name}代表：\n您提出的《{title}》收悉。我单位高度重视，经认真研究并与有关单位会商，现答复如下："
REPLY_BODY = {
    "A": ("您的建议已被采纳。{measure}目前相关措施已落实到位，群众反映的问题已基本解决。",
          "经研究，我们采纳了您的建议，{measure}相关工作已于今年完成。"),
    "B": ("您的建议我们正在积极推进。{measure}目前已列入年度工作计划，预计明年上半年完成。",
          "针对您反映的问题，{measure}有关工作正在实施中，我们将及时向您反馈进展。"),
    "C": ("您的建议很有价值，{measure}因涉及资金和规划调整，已列入我市“十五五”相关规划，将逐步解决。",
          "我们将在编制中长期规划时统筹考虑您的建议，{measure}分步骤组织实施。"),
    "D": ("您的建议我们进行了认真研究，但受现行政策和财力等条件限制，目前暂难实施，将留作今后工作参考。",
          "经研究，因涉及上级事权和政策调整，当前尚不具备实施条件，我们将积极向上级部门反映。"),
}
REPLY_CLOSING = "\n感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。"
FOLLOW_UP = "{name}代表：\n关于《{title}》，前期答复中列入计划的事项现已落实完毕，特此跟踪答复。"
DISSATISFIED_COMMENTS = (
    "答复内容空泛，没有提出具体解决措施和时间表。",
    "承办单位未实地调研，答复与实际情况不符。",
    "答复前沟通不够，问题至今没有解决。",
)
VERIFY_REHANDLE = "经核实，原答复未针对建议提出具体措施，交主办单位重新办理。"
VERIFY_CLOSE = "经核实，承办单位已按政策规定认真办理，所提事项受客观条件限制暂难解决，已向代表作出解释，予以办结。"
WITHHOLD_REPLY = ("答复涉及企业商业秘密。", "答复涉及个人隐私。", "答复涉及尚未公开的规划信息。")
WITHHOLD_SUGGESTION = "涉及个人隐私（规则1.13）。"
SUPERVISION_NOTES = (
    "请主办单位加强与协办单位的协调，尽快拿出具体措施，按期答复代表。",
    "已组织专门委员会实地调研，请承办单位抓紧落实整改措施。",
)
# fmt: on


@dataclass
class _Plan:
    """One suggestion's story before it is written."""

    text: SuggestionText
    state: str
    session: bool
    lead: Deputy
    cosigners: list[tuple[Deputy, bool]] = field(default_factory=list)
    submitted: dt.datetime | None = None
    key: bool = False


def _at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _states(rng: random.Random, spec, total: int, rest: str) -> list[str]:
    states = [s for s, n in spec for _ in range(n)]
    states += [rest] * (total - len(states))
    rng.shuffle(states)
    return states


def _weighted(rng: random.Random, weights) -> str:
    return rng.choices([k for k, _w in weights], [w for _k, w in weights])[0]


class _Writer:
    """Collects the rows of every table, then writes them with one bulk insert each."""

    def __init__(self, *, rng, term, session, staff, leader, cal):
        self.rng, self.term, self.session, self.staff, self.leader, self.cal = (
            rng,
            term,
            session,
            staff,
            leader,
            cal,
        )
        self.kind = suggestion_kind()
        self.units = {
            o.code: o
            for o in Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS)
        }
        heads = (
            Membership.objects.filter(
                organization__in=self.units.values(), role="head", end_date__isnull=True
            )
            .select_related("person", "organization")
            .order_by("id")
        )
        self.heads = {m.organization.code: m.person.name for m in heads}
        self.committees = {
            o.code: o for o in Organization.objects.filter(kind=Organization.Kind.SPECIAL_COMMITTEE)
        }

    # -- dates ------------------------------------------------------------------------

    def workday(self, day: dt.date) -> dt.date:
        return self.cal.add_working_days(day, 0)

    def after(self, day: dt.date, lo: int, hi: int) -> dt.date:
        return self.workday(day + dt.timedelta(days=self.rng.randint(lo, hi)))

    def moment(self, day: dt.date) -> dt.datetime:
        return _at(day, self.rng.randint(9, 17), self.rng.choice((0, 10, 20, 30, 40, 50)))

    # -- write ------------------------------------------------------------------------

    def write(self, plans: list[_Plan]) -> Counter:
        serials = dict(
            Suggestion.objects.filter(term=self.term)
            .values("session_id")
            .annotate(m=Max("serial"))
            .values_list("session_id", "m")
        )
        next_serial = {
            True: (serials.get(self.session.pk) or 0) + 1,
            False: (serials.get(None) or 0) + 1,
        }
        rows = []
        for plan in sorted(
            plans, key=lambda p: (p.submitted is None, p.submitted or _at(DEMO_TODAY))
        ):
            s = Suggestion(
                term=self.term,
                session=self.session if plan.session else None,
                channel=Suggestion.Channel.SESSION if plan.session else Suggestion.Channel.BETWEEN,
                title=plan.text.title,
                content=plan.text.content,
                category=CATEGORY_CODES.get(plan.text.category, "other"),
                lead_deputy=plan.lead,
                status=Suggestion.Status.DRAFT,
                created_by=self.staff if plan.session else None,
            )
            if plan.submitted is not None:
                serial = next_serial[plan.session]
                next_serial[plan.session] += 1
                s.serial, s.submitted_at = serial, plan.submitted
                s.number = (
                    f"第{self.term.number}届第{self.session.number}次会议第{serial:03d}号"
                    if plan.session
                    else f"第{self.term.number}届闭会期间第{serial:03d}号"
                )
                s.status = Suggestion.Status.SUBMITTED
            if self.rng.random() < 0.03 and plan.state not in ("draft",):
                s.is_public, s.withhold_reason = False, WITHHOLD_SUGGESTION
            self._screen(s, plan)
            s.refresh_search_text()
            rows.append((s, plan))
        Suggestion.objects.bulk_create([s for s, _p in rows])

        cosigners = []
        for s, plan in rows:
            for deputy, confirmed in plan.cosigners:
                when = (plan.submitted or _at(DEMO_TODAY)) - dt.timedelta(
                    hours=self.rng.randint(2, 48)
                )
                cosigners.append(
                    CoSigner(suggestion=s, deputy=deputy, confirmed_at=when if confirmed else None)
                )
        CoSigner.objects.bulk_create(cosigners)

        handled = [(s, plan) for s, plan in rows if s.status == Suggestion.Status.ASSIGNED]
        self._cases(handled)
        return Counter(plan.state for _s, plan in rows)

    def _screen(self, s: Suggestion, plan: _Plan) -> None:
        if plan.state in ("draft", "submitted"):
            return
        if plan.state == "withdrawn":
            s.status, s.screening_note = (
                Suggestion.Status.WITHDRAWN,
                "代表经与有关部门沟通，问题已解决，申请撤回。",
            )
            return
        s.screened_by = self.staff
        s.screened_at = self.moment(
            self.after(plan.submitted.date(), 7, 18 if plan.session else 10)
        )
        if plan.state == "not_accepted":
            reasons, note = self.rng.choice(NOT_ACCEPTED)
            s.status, s.not_accepted_reasons, s.screening_note = (
                Suggestion.Status.NOT_ACCEPTED,
                list(reasons),
                note,
            )
            return
        s.status = (
            Suggestion.Status.ACCEPTED if plan.state == "accepted" else Suggestion.Status.ASSIGNED
        )

    def _assigned_on(self, s: Suggestion, plan: _Plan) -> dt.date:
        if plan.session:
            return SESSION_ASSIGNED_ON
        return self.after(s.screened_at.date(), 2, 8)

    def _cases(self, handled) -> None:
        kind = self.kind
        cases, requesters, leads, cos = [], [], [], []
        stories = []
        for s, plan in handled:
            assigned = self._assigned_on(s, plan)
            lead = self.units.get(plan.text.lead) or self.units["government"]
            co = [
                self.units[c] for c in plan.text.co_handlers if c in self.units and c != lead.code
            ]
            due = add_period(assigned, kind.reply_amount, kind.reply_unit)
            case = Case(
                kind=kind,
                title=s.title,
                summary=s.content,
                source_type=SOURCE_TYPE,
                source_id=str(s.pk),
                status=Case.Status.AWAITING_RECEIPT,
                assigned_at=self.moment(assigned),
                assigned_by=self.staff,
                due_on=due,
            )
            if plan.key:
                committee = self.committees.get(KEY_COMMITTEES.get(s.category, "")) or next(
                    iter(self.committees.values()), None
                )
                case.is_key, case.key_leader, case.key_committee = True, self.leader, committee
                case.key_marked_at = self.moment(self.after(assigned, 3, 10))
            case.refresh_search_text()
            cases.append(case)
            stories.append((s, plan, case, lead, co))
        Case.objects.bulk_create(cases)
        for s, _plan, case, _lead, _co in stories:
            s.case = case
        Suggestion.objects.bulk_update([s for s, *_rest in stories], ["case"])

        for _s, plan, case, lead, co in stories:
            people = [plan.lead.person_id] + [d.person_id for d, ok in plan.cosigners if ok]
            requesters += [
                CaseRequester(case=case, person_id=p, is_lead=i == 0, order=i)
                for i, p in enumerate(people)
            ]
            day = timezone.localdate(case.assigned_at)
            co_due = min(add_period(day, kind.co_amount, kind.co_unit), case.due_on)
            leads.append(
                Assignment(
                    case=case,
                    unit=lead,
                    role=Assignment.Role.LEAD,
                    assigned_at=case.assigned_at,
                    due_on=case.due_on,
                )
            )
            cos.append(
                [
                    Assignment(
                        case=case,
                        unit=u,
                        role=Assignment.Role.CO,
                        assigned_at=case.assigned_at,
                        due_on=co_due,
                    )
                    for u in co
                ]
            )
        CaseRequester.objects.bulk_create(requesters)

        out: dict[str, list] = {
            "contacts": [],
            "replies": [],
            "ratings": [],
            "verifications": [],
            "extensions": [],
            "notes": [],
        }
        for (s, plan, case, _unit, _co), lead, co in zip(stories, leads, cos, strict=True):
            self._handle(s, plan, case, lead, co, out)
        Assignment.objects.bulk_create(leads + [a for group in cos for a in group])
        for row in out["extensions"]:
            row.assignment_id = row.assignment.pk
        Case.objects.bulk_update(
            cases,
            [
                "status",
                "round",
                "due_on",
                "extended",
                "replied_at",
                "rating_due_on",
                "published",
                "closed_at",
                "close_reason",
                "co_override_reason",
                "co_override_by",
            ],
        )
        Contact.objects.bulk_create(out["contacts"])
        for reply in out["replies"]:
            reply.refresh_search_text()
        Reply.objects.bulk_create(out["replies"])
        Rating.objects.bulk_create(out["ratings"])
        Verification.objects.bulk_create(out["verifications"])
        ExtensionRequest.objects.bulk_create(out["extensions"])
        SupervisionNote.objects.bulk_create(out["notes"])
        self._first_contacts(leads, out["contacts"])
        _timeline(cases, leads + [a for group in cos for a in group], out, staff=self.staff)

    def _first_contacts(self, leads: list[Assignment], contacts: list[Contact]) -> None:
        """The lead's first-contact deadline (rules §1.10) and the day of its first logged contact."""
        first: dict[tuple[int, int], dt.date] = {}
        for c in contacts:
            key = (c.case_id, c.unit_id)
            if key not in first or c.contacted_on < first[key]:
                first[key] = c.contacted_on
        days = self.kind.contact_workdays
        for a in leads:
            start = timezone.localdate(a.assigned_at)
            a.contact_due_on = self.cal.add_working_days(start, days) if days else None
            a.first_contact_on = first.get((a.case_id, a.unit_id))
        Assignment.objects.bulk_update(leads, ["contact_due_on", "first_contact_on"])

    # -- one case's handling ----------------------------------------------------------

    def _handle(self, s, plan, case, lead, co, out) -> None:  # noqa: C901 - one story, told in order
        rng, kind, state = self.rng, self.kind, plan.state
        assigned = timezone.localdate(case.assigned_at)
        if plan.key:
            out["notes"].append(
                SupervisionNote(case=case, author=self.leader, text=rng.choice(SUPERVISION_NOTES))
            )
        if state == "awaiting_receipt":
            return
        received = self.after(assigned, 1, 6)
        for a in [lead, *co]:
            a.status, a.received_at = Assignment.Status.RECEIVED, self.moment(received)
        case.status = Case.Status.RECEIVED
        if state == "received":
            return
        # Co-handlers send their opinions within their month; a few late ones are still missing.
        open_state = state in ("in_handling", "extended_in_handling")
        for a in co:
            if open_state and rng.random() < 0.3:
                continue
            a.status, a.opinion = Assignment.Status.DONE, rng.choice(CO_OPINIONS)
            a.opinion_at = self.moment(min(self.after(received, 5, 25), a.due_on))
        contacted = self.after(received, 7, 30)
        if contacted >= DEMO_TODAY:
            contacted = self.workday(received + dt.timedelta(days=1))
        self._contact(case, lead, contacted, 1, out)
        case.status = Case.Status.IN_HANDLING
        if state.startswith("extended"):
            request_day = self.after(case.due_on - dt.timedelta(days=40), 0, 10)
            new_due = add_period(assigned, kind.extended_amount, kind.reply_unit)
            out["extensions"].append(
                ExtensionRequest(
                    case=case,
                    assignment=lead,
                    reason="建议事项涉及多部门协调和年度预算安排，需延期答复。",
                    status=ExtensionRequest.Status.APPROVED,
                    requested_at=self.moment(request_day),
                    requested_by=None,
                    decided_at=self.moment(self.after(request_day, 1, 4)),
                    decided_by=self.staff,
                    decision_note="同意延期。",
                    new_due_on=new_due,
                )
            )
            case.extended, case.due_on, lead.due_on = True, new_due, new_due
        if open_state:
            return

        # The reply: most on time, a few stragglers replied only this month.
        if state in ("replied", "dissatisfied") and plan.session:
            replied = self.after(dt.date(2026, 11, 2), 0, 12)
        elif state == "replied":
            replied = self.after(max(contacted, DEMO_TODAY - dt.timedelta(days=18)), 1, 8)
        else:
            latest = min(case.due_on - dt.timedelta(days=1), DEMO_TODAY - dt.timedelta(days=40))
            replied = self.after(contacted, 7, max((latest - contacted).days, 8))
            if replied >= DEMO_TODAY:
                replied = self.workday(contacted + dt.timedelta(days=2))
        if replied <= contacted:
            replied = self.workday(contacted + dt.timedelta(days=1))
        for a in co:
            if a.status != Assignment.Status.DONE:
                a.status, a.opinion = Assignment.Status.DONE, rng.choice(CO_OPINIONS)
                a.opinion_at = self.moment(min(self.after(received, 5, 20), replied))
        result = (
            "D"
            if state in ("dissatisfied", "dissatisfied_closed", "rehandling", "rehandled")
            else _weighted(rng, RESULT_WEIGHTS)
        )
        self._reply(s, plan, case, lead, replied, result, 1, out)
        if state in ("replied",):
            return
        if state == "replied_closed":
            case.status, case.closed_at = (
                Case.Status.CLOSED,
                self.moment(self.after(case.rating_due_on, 1, 10)),
            )
            case.close_reason = "评价期限届满，代表未反馈意见，予以办结。"
            return

        rated = self.after(replied, 2, 12)
        if rated >= DEMO_TODAY:
            rated = self.workday(replied + dt.timedelta(days=1))
        if state in ("dissatisfied", "dissatisfied_closed", "rehandling", "rehandled"):
            self._rating(case, plan, rated, "dissatisfied", 1, out)
            case.status = Case.Status.DISSATISFIED
            if state == "dissatisfied":
                return
            verified = self.after(rated, 3, 10)
            if state == "rehandling":
                verified = self.after(DEMO_TODAY - dt.timedelta(days=50), 0, 30)
            rehandle = state != "dissatisfied_closed"
            new_due = (
                add_period(verified, kind.rehandle_amount, kind.rehandle_unit) if rehandle else None
            )
            out["verifications"].append(
                Verification(
                    case=case,
                    round=1,
                    outcome=Verification.Outcome.REHANDLE
                    if rehandle
                    else Verification.Outcome.CLOSE,
                    finding=VERIFY_REHANDLE if rehandle else VERIFY_CLOSE,
                    new_due_on=new_due,
                    verified_at=self.moment(verified),
                    verified_by=self.staff,
                )
            )
            if not rehandle:
                case.status, case.closed_at, case.close_reason = (
                    Case.Status.CLOSED,
                    self.moment(verified),
                    VERIFY_CLOSE,
                )
                return
            case.status, case.round, case.due_on, lead.due_on = (
                Case.Status.REHANDLING,
                2,
                new_due,
                new_due,
            )
            case.replied_at, case.rating_due_on, lead.status = (
                None,
                None,
                Assignment.Status.RECEIVED,
            )
            contacted = self.after(verified, 2, 8)
            if contacted < DEMO_TODAY:
                self._contact(case, lead, contacted, 2, out)
            if state == "rehandling":
                return
            replied = self.after(contacted, 5, 20)
            self._reply(s, plan, case, lead, replied, rng.choice(("A", "B")), 2, out)
            self._rating(case, plan, self.after(replied, 2, 8), "basically", 2, out)
            case.status = Case.Status.RATED
            return

        self._rating(case, plan, rated, _weighted(rng, RATING_WEIGHTS), 1, out)
        case.status = Case.Status.RATED
        last = out["replies"][-1]
        if last.result_class in ("B", "C") and rng.random() < 0.25:
            follow = self.after(rated, 60, 150)
            if follow < DEMO_TODAY:
                out["replies"].append(
                    Reply(
                        case=case,
                        unit_id=lead.unit_id,
                        round=case.round,
                        is_follow_up=True,
                        result_class="A",
                        text=FOLLOW_UP.format(name=plan.lead.person.name, title=s.title)
                        + REPLY_CLOSING,
                        signed_by_name=last.signed_by_name,
                        publishable=last.publishable,
                        withhold_reason=last.withhold_reason,
                        replied_at=self.moment(follow),
                    )
                )
        if rng.random() < 0.4:
            case.status, case.closed_at = Case.Status.CLOSED, self.moment(self.after(rated, 3, 20))
            case.close_reason = "代表对办理结果表示满意，予以办结。"

    def _contact(self, case, lead, day, round_no, out) -> None:
        out["contacts"].append(
            Contact(
                case=case,
                unit_id=lead.unit_id,
                round=round_no,
                contacted_on=day,
                method=self.rng.choice(Contact.Method.values[:5]),
                note=self.rng.choice(CONTACT_NOTES),
            )
        )

    def _reply(self, s, plan, case, lead, day, result, round_no, out) -> None:
        rng = self.rng
        measure = next(
            (line.split(".", 1)[1] for line in s.content.splitlines() if line[:1].isdigit()), ""
        )
        body = (
            REPLY_OPENING.format(name=plan.lead.person.name, title=s.title)
            + "\n"
            + rng.choice(REPLY_BODY[result]).format(measure=measure.replace("建议", "我们将", 1))
            + REPLY_CLOSING
        )
        unit_code = lead.unit.code
        signed = self.heads.get(unit_code) or f"{lead.unit.name}负责人"
        publishable = rng.random() >= 0.05
        # The office approves a public reply within a few days; the last week's still wait.
        approved = publishable and (DEMO_TODAY - day).days > 7
        out["replies"].append(
            Reply(
                case=case,
                unit_id=lead.unit_id,
                round=round_no,
                text=body,
                result_class=result,
                signed_by_name=signed,
                publishable=publishable,
                withhold_reason="" if publishable else rng.choice(WITHHOLD_REPLY),
                replied_at=self.moment(day),
                published_at=self.moment(self.after(day, 1, 4)) if approved else None,
                published_by=self.staff if approved else None,
            )
        )
        lead.status = Assignment.Status.DONE
        case.status, case.replied_at = Case.Status.REPLIED, self.moment(day)
        case.published = case.published or approved
        case.rating_due_on = self.cal.add_working_days(day, self.kind.rating_window_workdays)

    def _rating(self, case, plan, day, value, round_no, out) -> None:
        comment = self.rng.choice(DISSATISFIED_COMMENTS) if value == "dissatisfied" else ""
        out["ratings"].append(
            Rating(
                case=case,
                round=round_no,
                requester_id=plan.lead.person_id,
                value=value,
                comment=comment,
                rated_at=self.moment(day),
                late=bool(case.rating_due_on and day > case.rating_due_on),
                recorded_by=self.staff,
            )
        )


def _plans(
    rng: random.Random,
    texts: list[SuggestionText],
    deputies: list[Deputy],
    session: Meeting,
    exclude_person: int | None,
) -> list[_Plan]:
    writers = [d for d in deputies if d.person_id != exclude_person]

    def pick_lead() -> Deputy:
        # A few deputies write many suggestions, most write one or two.
        return writers[int(len(writers) * rng.random() ** 1.7)]

    def cosign(plan: _Plan, confirmed: bool = True) -> None:
        if rng.random() < 0.35:
            others = rng.sample(writers, k=rng.randint(1, 4))
            plan.cosigners = [
                (d, confirmed or rng.random() < 0.5) for d in others if d.pk != plan.lead.pk
            ]

    plans = []
    session_states = _states(rng, SESSION_STATES, SESSION_COUNT, "rated")
    for text, state in zip(texts[:SESSION_COUNT], session_states, strict=True):
        day = session.starts_on + dt.timedelta(
            days=rng.randint(0, (session.ends_on - session.starts_on).days)
        )
        plan = _Plan(
            text=text,
            state=state,
            session=True,
            lead=pick_lead(),
            submitted=_at(day, rng.randint(8, 20), rng.randint(0, 59)),
        )
        cosign(plan)
        plans.append(plan)
    between_states = _states(rng, BETWEEN_STATES, BETWEEN_COUNT, "rated")
    for text, state in zip(texts[SESSION_COUNT:], between_states, strict=True):
        plan = _Plan(text=text, state=state, session=False, lead=pick_lead())
        if state == "draft":
            cosign(plan, confirmed=False)
            plans.append(plan)
            continue
        # The later the state, the earlier it was submitted.
        window = {
            "submitted": (3, 18),
            "accepted": (14, 24),
            "not_accepted": (20, 200),
            "awaiting_receipt": (14, 24),
            "received": (20, 45),
            "in_handling": (30, 120),
            "replied": (60, 110),
        }.get(state, (150, 270))
        plan.submitted = _at(
            DEMO_TODAY - dt.timedelta(days=rng.randint(*window)),
            rng.randint(8, 20),
            rng.randint(0, 59),
        )
        cosign(plan)
        plans.append(plan)
    handled = [
        p
        for p in plans
        if p.state not in ("draft", "submitted", "accepted", "not_accepted", "withdrawn")
    ]
    for p in rng.sample(
        [p for p in handled if p.session and p.state != "awaiting_receipt"], KEY_SESSION
    ):
        p.key = True
    for p in rng.sample([p for p in handled if not p.session], KEY_BETWEEN):
        p.key = True
    return plans


def _demo_account_story(*, staff, unit_user, deputy_user, leader) -> int:
    """The demo deputy's suggestions to the demo unit officer's bureau, through the real services."""
    if not (unit_user and deputy_user and unit_user.scope and unit_user.scope.is_handling_unit):
        return 0
    if not Deputy.objects.filter(
        person_id=deputy_user.person_id, status=Deputy.Status.ACTIVE
    ).exists():
        return 0
    bureau = unit_user.scope
    signer = (
        Membership.objects.filter(organization=bureau, role="head", end_date__isnull=True)
        .select_related("person")
        .first()
    )
    signed = signer.person.name if signer else f"{bureau.name}负责人"
    S = suggestion_services
    texts = [
        (
            "关于在城区学校推行课后延时服务全覆盖的建议",
            "据家长反映，部分学校课后服务时间偏短、内容单一，双职工家庭接孩子困难。\n"
            "1.建议城区中小学课后服务实现全覆盖，时间与下班时间相衔接。\n2.建议丰富课后服务内容，引入体育、艺术等社会资源。",
        ),
        (
            "关于加强学校食堂膳食营养指导的建议",
            "部分学校食堂菜品搭配不合理，学生营养摄入不均衡。\n1.建议为学校配备营养指导员，定期发布营养食谱。",
        ),
        (
            "关于改善农村寄宿制学校生活条件的建议",
            "部分农村寄宿制学校宿舍拥挤，热水供应不足，冬季取暖条件差。\n"
            "1.建议将寄宿制学校宿舍、浴室改造列入年度计划。\n2.建议配齐生活老师。",
        ),
        (
            "关于开展中小学生防溺水安全教育的建议",
            "每年夏季中小学生溺水事故时有发生，农村地区尤为突出。\n1.建议在开学和放假前集中开展防溺水专题教育。",
        ),
        (
            "关于推进城区幼儿园托幼一体化的建议",
            "婴幼儿入托难问题突出，普惠性托位不足。\n1.建议支持有条件的幼儿园开设托班，招收2至3岁幼儿。",
        ),
    ]
    made = []
    for title, content in texts:
        made.append(
            S.suggestion_create(
                actor=deputy_user, title=title, content=content, category="education"
            )
        )
    draft, submitted, waiting, handling, done = made
    del draft  # stays a draft the deputy can still edit
    for s, day in (
        (submitted, dt.date(2026, 11, 24)),
        (waiting, dt.date(2026, 11, 9)),
        (handling, dt.date(2026, 9, 14)),
        (done, dt.date(2026, 6, 8)),
    ):
        S.suggestion_submit(actor=deputy_user, suggestion=s, now=_at(day, 9, 30))
    model_proposals = {s.pk: propose_units(s) for s in (waiting, handling, done)}
    for s, day in (
        (waiting, dt.date(2026, 11, 18)),
        (handling, dt.date(2026, 9, 22)),
        (done, dt.date(2026, 6, 16)),
    ):
        S.suggestion_accept(actor=staff, suggestion=s, note="符合立案条件。", now=_at(day, 10))
        suggestion_assign(
            actor=staff,
            suggestion=s,
            lead=bureau,
            now=_at(day + dt.timedelta(days=4), 15),
            proposal=model_proposals[s.pk],
        )
    handling.refresh_from_db()
    casework.assignment_receive(
        actor=unit_user, case=handling.case, now=_at(dt.date(2026, 9, 28), 9)
    )
    casework.contact_log(
        actor=unit_user,
        case=handling.case,
        contacted_on=dt.date(2026, 10, 15),
        method="visit",
        note="到代表所在乡镇学校实地查看宿舍和浴室，听取代表意见。",
        now=_at(dt.date(2026, 10, 15), 17),
    )
    done.refresh_from_db()
    case = done.case
    casework.assignment_receive(actor=unit_user, case=case, now=_at(dt.date(2026, 6, 23), 9))
    casework.case_mark_key(actor=staff, case=case, leader=leader, now=_at(dt.date(2026, 6, 25), 10))
    casework.contact_log(
        actor=unit_user,
        case=case,
        contacted_on=dt.date(2026, 7, 6),
        method="phone",
        note="电话听取代表对防溺水教育工作的意见。",
        now=_at(dt.date(2026, 7, 6), 16),
    )
    casework.reply_submit(
        actor=unit_user,
        case=case,
        result_class="B",
        signed_by_name=signed,
        text="您的建议已列入暑期安全教育工作计划，正在组织实施。",
        now=_at(dt.date(2026, 7, 10), 11),
    )
    casework.reply_publish(actor=staff, case=case, now=_at(dt.date(2026, 7, 13), 9))
    casework.rating_submit(
        actor=deputy_user,
        case=case,
        value="dissatisfied",
        comment="答复只讲计划，没有说明农村学校的具体措施。",
        now=_at(dt.date(2026, 7, 20), 20),
    )
    casework.dissatisfaction_verify(
        actor=staff,
        case=case,
        rehandle=True,
        finding=VERIFY_REHANDLE,
        now=_at(dt.date(2026, 7, 27), 10),
    )
    casework.contact_log(
        actor=unit_user,
        case=case,
        contacted_on=dt.date(2026, 8, 5),
        method="meeting",
        note="邀请代表参加防溺水工作座谈会，共同研究农村学校的具体措施。",
        now=_at(dt.date(2026, 8, 5), 17),
    )
    casework.reply_submit(
        actor=unit_user,
        case=case,
        result_class="A",
        signed_by_name=signed,
        text="已在全市农村中小学开展防溺水专题教育，重点水域设立警示牌并落实巡查。",
        now=_at(dt.date(2026, 8, 20), 11),
    )
    casework.reply_publish(actor=staff, case=case, now=_at(dt.date(2026, 8, 24), 9))
    casework.rating_submit(
        actor=deputy_user, case=case, value="satisfied", now=_at(dt.date(2026, 8, 25), 19)
    )
    return len(texts)


def _timeline(
    cases: list[Case], assignments: list[Assignment], out: dict[str, list], *, staff
) -> int:
    """Audit events for the bulk-written cases, so each case page shows its story: assigned, received,
    co-handlers' opinions, contacts, replies, ratings, verification, extension, key supervision, closing.

    The events are dated at the planned moments, chained in time order onto the audit chain (hash-
    sealed like every other event), and marked ``"seeded": true``. Returns how many were written.
    """
    from django.db import transaction

    from renda.core.models import AuditEvent, AuditHead

    titles = {c.pk: c.title[:255] for c in cases}
    units = {a.unit_id: a.unit.name for a in assignments}
    staff_label = (
        str(getattr(staff, "display_name", None) or staff.get_username())[:150] if staff else ""
    )
    rows: list[tuple] = []  # (when, action, case_id, actor_label, changes)

    def add(when, action, case_id, label, changes):
        if when is not None:
            rows.append(
                (when.astimezone(dt.UTC), action, case_id, label, {"seeded": True, **changes})
            )

    for c in cases:
        add(
            c.assigned_at,
            "casework.case.assigned",
            c.pk,
            staff_label,
            {"due_on": c.due_on.isoformat()},
        )
        if c.is_key:
            add(c.key_marked_at, "casework.case.key_marked", c.pk, staff_label, {})
        if c.closed_at:
            add(c.closed_at, "casework.case.closed", c.pk, staff_label, {})
    for a in assignments:
        add(
            a.received_at,
            "casework.case.received",
            a.case_id,
            units[a.unit_id],
            {"unit": a.unit_id},
        )
        if a.role == Assignment.Role.CO:
            add(
                a.opinion_at,
                "casework.case.co_opinion",
                a.case_id,
                units[a.unit_id],
                {"unit": a.unit_id},
            )
    for row in out["contacts"]:
        when = _at(row.contacted_on, 15)
        add(
            when,
            "casework.case.contact_logged",
            row.case_id,
            units.get(row.unit_id, ""),
            {"unit": row.unit_id, "method": row.method, "on": row.contacted_on.isoformat()},
        )
    for row in out["replies"]:
        action = "casework.case.follow_up_replied" if row.is_follow_up else "casework.case.replied"
        add(
            row.replied_at,
            action,
            row.case_id,
            units.get(row.unit_id, ""),
            {"result_class": row.result_class},
        )
    for row in out["ratings"]:
        add(
            row.rated_at,
            "casework.case.rated",
            row.case_id,
            "",
            {"value": row.value, "late": row.late},
        )
    for row in out["verifications"]:
        add(
            row.verified_at,
            "casework.case.verified",
            row.case_id,
            staff_label,
            {"outcome": row.outcome},
        )
    for row in out["extensions"]:
        add(row.requested_at, "casework.case.extension_requested", row.case_id, "", {})
        add(
            row.decided_at,
            "casework.case.extension_decided",
            row.case_id,
            staff_label,
            {"approve": True},
        )
    rows.sort(key=lambda r: (r[0], r[2], r[1]))

    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(id=1)
        seq, prev = head.seq, head.hash
        events = _chain(rows, titles, seq, prev)
        AuditEvent.objects.bulk_create(events, batch_size=2000)
        if events:
            head.seq, head.hash = events[-1].seq, events[-1].hash
            head.save(update_fields=["seq", "hash"])
    return len(events)


def _chain(rows, titles, seq, prev):
    from renda.core.audit import _canonical, event_digest
    from renda.core.models import AuditEvent

    events = []
    for when, action, case_id, label, raw in rows:
        seq += 1
        changes = _canonical(raw)
        event = AuditEvent(
            seq=seq,
            created_at=when,
            actor_id=None,
            actor_label=label,
            action=action,
            object_type="casework.case",
            object_id=str(case_id),
            object_repr=titles.get(case_id, ""),
            changes=changes,
            prev_hash=prev,
        )
        event.hash = event_digest(
            seq=seq,
            prev_hash=prev,
            created_at=when.isoformat(),
            actor_id=None,
            actor_label=label,
            action=action,
            object_type="casework.case",
            object_id=str(case_id),
            object_repr=event.object_repr,
            changes=changes,
        )
        prev = event.hash
        events.append(event)
    return events


def seed_suggestions(*, actor, term: Term, seed: int) -> dict[str, int]:
    """Create the demo suggestions; return how many there are and how many of each state."""
    session = (
        Meeting.objects.filter(
            kind=Meeting.Kind.CONGRESS_SESSION, term=term, status=Meeting.Status.CLOSED
        )
        .order_by("starts_on")
        .first()
    )
    if session is None:
        return {}
    staff = (
        User.objects.filter(role=Role.STAFF, scope__code="office").order_by("id").first() or actor
    )
    leader = User.objects.filter(role=Role.LEADER).order_by("id").first()
    unit_user = (
        User.objects.filter(role=Role.UNIT_OFFICER).select_related("scope").order_by("id").first()
    )
    deputy_user = User.objects.filter(role=Role.DEPUTY).order_by("id").first()
    deputies = list(
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .select_related("person")
        .order_by("id")
    )
    rng = random.Random(f"suggestion-states-{seed}")
    texts = build_suggestion_texts(SESSION_COUNT + BETWEEN_COUNT, seed=seed)
    plans = _plans(rng, texts, deputies, session, deputy_user.person_id if deputy_user else None)
    writer = _Writer(
        rng=rng,
        term=term,
        session=session,
        staff=staff,
        leader=leader,
        cal=workdays.calendar_around(dt.date(2026, 6, 1), days=500),
    )
    states = writer.write(plans)
    story = _demo_account_story(
        staff=staff, unit_user=unit_user, deputy_user=deputy_user, leader=leader
    )
    counts = {"suggestions": Suggestion.objects.filter(term=term).count()}
    audit_record(
        actor=actor,
        action="devtools.suggestions_seeded",
        obj=session,
        changes={
            "seed": seed,
            "session": SESSION_COUNT,
            "between": BETWEEN_COUNT,
            "through_services": story,
            "states": dict(sorted(states.items())),
            "statuses": dict(
                Counter(Suggestion.objects.filter(term=term).values_list("status", flat=True))
            ),
            "cases": dict(
                Counter(Case.objects.filter(suggestion__term=term).values_list("status", flat=True))
            ),
        },
    )
    return counts
