"""Elections and appointments (S13, §7.1–§7.7, §7.9, §7.10, §7.13), local legislation (S5),
networked budget oversight (§4.8) and the default bodies of the congress (S29).

Evidence: the congress's elections with their nominations, sponsors and sealed tallies, and
the slates of the election polls (renda.appointments, renda.voting); the standing committee's
appointment motions with their polls, statements, certificates and deferrals (§7.8, §7.11
and §7.12 are judged in ``checks.appointments``, and S13 reuses them); the legislative plans,
projects, comment periods, readings, evaluations and the expert pool (renda.legislation); the
imported budget execution, its flagged deviations and the inquiries raised on them
(renda.budget); the jurisdiction's organizations (renda.people). Each read is a fixed number
of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.appointments.models import Appointment, Election, Nomination
from renda.appointments.services import joint_threshold
from renda.budget import monitoring
from renda.budget.models import Department, Inquiry
from renda.casework import selectors as cw
from renda.casework.models import Case
from renda.core.statute import param, params
from renda.core.workdays import add_months
from renda.legislation.models import DraftVersion, Evaluation, Expert, Plan, Project
from renda.legislation.selectors import PASSED_OR_LATER
from renda.people import structure
from renda.people.models import Jurisdiction, Organization
from renda.people.selectors import jurisdiction, standing_committee
from renda.voting.models import Poll
from renda.voting.rules import majority_of_all, slate_bounds
from renda.voting.statute import PARAMS as VOTING_PARAMS

from ..registry import Evidence, Status, Verdict, check, join, unevaluable, worst, year_end
from .appointments import law_exam, oath

A = Appointment.Status
K = Appointment.Kind
E = Election.Status
N = Nomination.Status
APPOINTING = (K.APPOINT, K.ACTING)
DEPUTY_SLATES = (Poll.OfficeKind.DEPUTY_DIRECT, Poll.OfficeKind.DEPUTY_INDIRECT)
OFFICIAL_SLATES = (Poll.OfficeKind.HEAD, Poll.OfficeKind.DEPUTY_HEAD, Poll.OfficeKind.SC_MEMBER)
LIMIT = 50
OK = Organization.Kind


def _appointment(a: Appointment, status: str = "") -> Evidence:
    return Evidence(a.title, reverse("appointments:appointment_detail", args=[a.pk]), status)


def _election(e: Election, status: str = "") -> Evidence:
    return Evidence(str(e), reverse("appointments:election_detail", args=[e.pk]), status)


def _late(year: int, today: dt.date) -> str:
    """A missing step is broken once its year is over, at risk while the year runs."""
    return Status.BROKEN if year < today.year else Status.AT_RISK


# ------------------------------------------------------------------ elections (§7.1–§7.4)


def _slates(year: int, kinds) -> tuple[list[Poll], list[Poll]]:
    """The year's election polls of ``kinds`` (not annulled) and those whose number of
    candidates lies outside the competitive margins (差额) of voting.rules.slate_bounds."""
    values = params(*(p.key for p in VOTING_PARAMS if p.key.startswith("voting.slate.")))
    polls = list(
        Poll.objects.filter(kind=Poll.Kind.ELECTION, office_kind__in=kinds, agenda_item__meeting__starts_on__year=year)
        .exclude(status=Poll.Status.ANNULLED).annotate(n=Count("candidates")).order_by("id")
    )  # fmt: skip
    off = []
    for p in polls:
        low, high = slate_bounds(office_kind=p.office_kind, seats=p.seats, values=values)
        if not low <= p.n <= high:
            off.append(p)
    return polls, off


def _poll_evidence(polls: list[Poll]) -> list[Evidence]:
    return [Evidence(p.title, reverse("voting:poll_detail", args=[p.pk]), "flagged") for p in polls[:LIMIT]]  # fmt: skip


@check("§7.1", "appointments")
def deputy_slates(year, today) -> Verdict:
    """Every election of deputies this year with a slate within the statutory margins."""
    polls, off = _slates(year, DEPUTY_SLATES)
    if not polls:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有选举代表的选举。"), [], str(year))
    if off:
        summary = format_lazy(_("选举代表 {n} 次，{m} 次候选人人数不在选举法第31条规定的差额比例内"), n=len(polls), m=len(off))  # fmt: skip
        return Verdict(Status.BROKEN, summary, _poll_evidence(off), str(year))
    summary = format_lazy(_("选举代表 {n} 次，候选人人数均在法定差额比例内（平台在建立选举时校验）"), n=len(polls))  # fmt: skip
    return Verdict(Status.MET, summary, [], str(year))


@check("§7.2", "appointments")
def official_slates(year, today) -> Verdict:
    """The congress's elections of officials: competitive slates, and the nomination and
    consultation of ``election.nomination_days`` days before the slate went to the vote."""
    polls, off = _slates(year, OFFICIAL_SLATES)
    days = int(param("election.nomination_days"))
    put = list(Election.objects.filter(meeting__starts_on__year=year, poll__isnull=False).select_related("poll", "post").order_by("opened_on", "id"))  # fmt: skip
    short = [
        e for e in put if (timezone.localtime(e.poll.created_at).date() - e.opened_on).days < days
    ]
    if not polls and not put:
        return Verdict(Status.NOT_APPLICABLE, _("本年度人民代表大会没有进行选举。"), [], str(year))
    summary = format_lazy(
        _("大会选举 {n} 项、差额选举表决 {p} 次：候选人人数不符合差额规定 {off} 次，提名酝酿不足{days}日 {short} 项"),
        n=len(put), p=len(polls), off=len(off), days=days, short=len(short),
    )  # fmt: skip
    evidence = _poll_evidence(off) + [_election(e, "flagged") for e in short[:LIMIT]]
    return Verdict(Status.BROKEN if off or short else Status.MET, summary, evidence, str(year))


@check("§7.3", "appointments")
def nomination_thresholds(year, today) -> Verdict:
    """Joint nominations with enough deputies; neither the presidium nor a deputy putting
    forward more candidates than the seats of an election."""
    noms = Nomination.objects.filter(election__meeting__starts_on__year=year)
    total = noms.count()
    if not total:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有候选人提名。"), [], str(year))
    need = joint_threshold()
    few = list(
        noms.filter(by=Nomination.By.DEPUTIES).annotate(k=Count("sponsors")).filter(k__lt=need)
        .select_related("election__post", "person").order_by("id")[:LIMIT]
    )  # fmt: skip
    live = ~Q(nominations__status=N.WITHDRAWN)
    presidium = list(
        Election.objects.filter(meeting__starts_on__year=year)
        .annotate(k=Count("nominations", filter=live & Q(nominations__by=Nomination.By.PRESIDIUM)))
        .filter(k__gt=F("seats")).select_related("post").order_by("id")[:LIMIT]
    )  # fmt: skip
    through = Nomination.sponsors.through.objects.filter(nomination__election__meeting__starts_on__year=year)  # fmt: skip
    joined = set(
        through.exclude(nomination__status=N.WITHDRAWN)
        .values("nomination__election", "nomination__election__seats", "deputy")
        .annotate(k=Count("id")).filter(k__gt=F("nomination__election__seats"))
        .values_list("nomination__election", flat=True)
    )  # fmt: skip
    over = {e.pk: e for e in presidium}
    over.update({e.pk: e for e in Election.objects.filter(pk__in=joined).select_related("post")})
    summary = format_lazy(
        _("候选人提名 {n} 人：代表联名不足{need}人的 {few} 人，提名人数超过应选人数的选举 {over} 项"),
        n=total, need=need, few=len(few), over=len(over),
    )  # fmt: skip
    evidence = [Evidence(f"{n.person.name} · {n.election}", reverse("appointments:election_detail", args=[n.election_id]), "flagged") for n in few]  # fmt: skip
    evidence += [_election(e, "flagged") for e in list(over.values())[:LIMIT]]
    return Verdict(Status.BROKEN if few or over else Status.MET, summary, evidence, str(year))


@check("§7.4", "appointments")
def winning(year, today) -> Verdict:
    """Those elected had more than half of all deputies' votes, no more than the seats, as
    the sealed tally and the nominations record; seats left empty go to a further election."""
    rows = list(Election.objects.filter(decided_on__year=year, status__in=(E.ELECTED, E.INCOMPLETE)).select_related("post").order_by("decided_on", "id"))  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度人民代表大会没有选举结果。"), [], str(year))
    marked: dict[int, set[int]] = {}
    for election_id, person_id in Nomination.objects.filter(election__in=rows, status=N.ELECTED).values_list("election_id", "person_id"):  # fmt: skip
        marked.setdefault(election_id, set()).add(person_id)
    later = set(Election.objects.filter(post__in={e.post_id for e in rows}, term__in={e.term_id for e in rows}).values_list("pk", "post_id", "term_id", "opened_on"))  # fmt: skip
    bad, open_seats = [], []
    for e in rows:
        t = e.tally or {}
        base, votes = int(t.get("base") or 0), t.get("votes") or {}
        elected = {int(p) for p in t.get("elected") or []}
        short = [p for p in elected if int(votes.get(str(p), 0)) < majority_of_all(base)]
        if not base or short or len(elected) > e.seats or marked.get(e.pk, set()) != elected:
            bad.append(e)
        elif e.status == E.INCOMPLETE and not any(k != e.pk and (p, t_) == (e.post_id, e.term_id) and d >= e.decided_on for k, p, t_, d in later):  # fmt: skip
            open_seats.append(e)
    summary = format_lazy(
        _("大会选举结果 {n} 项：当选人未获全体代表过半数选票或与计票结果不符 {bad} 项，未选足尚未另行选举 {open} 项"),
        n=len(rows), bad=len(bad), open=len(open_seats),
    )  # fmt: skip
    status = worst(Status.BROKEN if bad else Status.MET, Status.AT_RISK if open_seats else Status.MET)  # fmt: skip
    evidence = [_election(e, "flagged") for e in bad[:LIMIT]] + [_election(e, "incomplete") for e in open_seats[:LIMIT]]  # fmt: skip
    return Verdict(status, summary, evidence, str(year))


unevaluable(
    "§7.5",
    "appointments",
    _("平台办理的是人民代表大会会议的选举（§7.2–§7.4），不办理县乡直接选举，没有选民名单、候选人名单公布的日程记录；"
      "直接选举的日程由选举委员会在选举工作中落实。"),
)  # fmt: skip


# ------------------------------------------------------------- appointments (§7.6–§7.13)


def _decided(year: int):
    return Appointment.objects.filter(decided_on__year=year).select_related("person", "post").order_by("decided_on", "id")  # fmt: skip


@check("§7.6", "appointments")
def sc_votes(year, today) -> Verdict:
    """Every motion carried this year was voted on its own poll (or en bloc on the chair's
    finding of no objection) with more than half of all members voting yes."""
    rows = list(_decided(year).filter(status__in=(A.APPOINTED, A.RELIEVED, A.NOT_APPOINTED)).select_related("poll"))  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度常委会没有任免表决。"), [], str(year))
    carried = [a for a in rows if a.carried]
    flagged = []
    for a in carried:
        p, yes = a.poll, int((a.tally or {}).get("yes") or 0)
        one = p is not None and (
            p.nominee_id == a.person_id or (p.en_bloc and p.no_objection_by_id)
        )
        if not one or p.kind != Poll.Kind.APPOINTMENT or not p.base_count or yes < majority_of_all(p.base_count):  # fmt: skip
            flagged.append(a)
    summary = format_lazy(
        _("常委会任免表决 {n} 项，通过 {c} 项，其中未见逐人表决或未获全体组成人员过半数赞成 {m} 项（平台在表决时逐人计票）"),
        n=len(rows), c=len(carried), m=len(flagged),
    )  # fmt: skip
    return Verdict(Status.BROKEN if flagged else Status.MET, summary, [_appointment(a, "flagged") for a in flagged[:LIMIT]], str(year))  # fmt: skip


@check("§7.7", "appointments")
def motion_lead(year, today) -> Verdict:
    """Motions put on a meeting of the year were moved ``appointment.motion_lead_days``
    before it."""
    lead = int(param("appointment.motion_lead_days"))
    rows = list(Appointment.objects.filter(agenda_item__meeting__starts_on__year=year).select_related("person", "post", "agenda_item__meeting").order_by("id"))  # fmt: skip
    if not rows:
        return Verdict(
            Status.NOT_APPLICABLE, _("本年度没有列入常委会会议的任免议案。"), [], str(year)
        )
    late = [a for a in rows if (a.agenda_item.meeting.starts_on - a.nominated_on).days < lead]
    summary = format_lazy(_("任免议案 {n} 项，会议举行前不足{days}日提请的 {m} 项"), n=len(rows), days=lead, m=len(late))  # fmt: skip
    return Verdict(Status.BROKEN if late else Status.MET, summary, [_appointment(a, "late") for a in late[:LIMIT]], str(year))  # fmt: skip


def _statements(year: int) -> tuple[list, list]:
    rows = list(_decided(year).filter(status=A.APPOINTED, kind__in=APPOINTING))
    return rows, [a for a in rows if not a.statement.strip() or a.statement_item_id is None]


@check("§7.9", "appointments")
def statement(year, today) -> Verdict:
    """Each person appointed this year made the statement before appointment, at the
    meeting or in writing, on the agenda ahead of the vote."""
    rows, flagged = _statements(year)
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有任命。"), [], str(year))
    summary = format_lazy(_("本年度任命 {n} 人，未见供职发言列入会议议程的 {m} 人"), n=len(rows), m=len(flagged))  # fmt: skip
    return Verdict(Status.BROKEN if flagged else Status.MET, summary, [_appointment(a, "flagged") for a in flagged[:LIMIT]], str(year))  # fmt: skip


@check("§7.10", "appointments")
def failed_nominations(year, today) -> Verdict:
    """No one nominated to a post again in the term after ``appointment.failed_nomination_limit``
    failed votes on it (nor within ``appointment.failed_nomination_wait_months`` of one)."""
    limit = int(param("appointment.failed_nomination_limit"))
    wait = int(param("appointment.failed_nomination_wait_months"))
    failed = Appointment.objects.filter(
        term=OuterRef("term"), person=OuterRef("person"), post=OuterRef("post"), status=A.NOT_APPOINTED,
        decided_on__lte=OuterRef("nominated_on"),
    ).exclude(pk=OuterRef("pk"))  # fmt: skip
    rows = list(
        Appointment.objects.filter(nominated_on__year=year, kind__in=APPOINTING)
        .annotate(
            failed=Coalesce(Subquery(failed.order_by().values("term").annotate(c=Count("pk")).values("c")[:1], output_field=IntegerField()), 0),
            last_failed=Subquery(failed.order_by("-decided_on").values("decided_on")[:1]),
        ).select_related("person", "post").order_by("nominated_on", "id")
    )  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有提请任命。"), [], str(year))
    barred = [a for a in rows if a.failed >= limit or (wait and a.last_failed and a.nominated_on < add_months(a.last_failed, wait))]  # fmt: skip
    summary = format_lazy(
        _("本年度提请任命 {n} 项，未获通过 {f} 项；同一职务未获通过{limit}次后仍再提请的 {m} 项"),
        n=len(rows), f=sum(a.status == A.NOT_APPOINTED for a in rows), limit=limit, m=len(barred),
    )  # fmt: skip
    return Verdict(Status.BROKEN if barred else Status.MET, summary, [_appointment(a, "flagged") for a in barred[:LIMIT]], str(year))  # fmt: skip


@check("§7.13", "appointments")
def deferred(year, today) -> Verdict:
    """Each deferred motion stands on the chairpersons' council's decision, with its day and
    reason, and was not put to the vote."""
    rows = list(
        Appointment.objects.filter(status=A.DEFERRED)
        .filter(Q(decided_on__year=year) | Q(decided_on__isnull=True, nominated_on__year=year))
        .select_related("person", "post").order_by("nominated_on", "id")
    )  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有暂缓任命的事项。"), [], str(year))
    flagged = [a for a in rows if a.decided_on is None or not a.closing_note.strip() or a.poll_id]
    summary = format_lazy(_("暂缓任命 {n} 项，缺少主任会议决定日期或理由、或已交付表决的 {m} 项"), n=len(rows), m=len(flagged))  # fmt: skip
    evidence = [_appointment(a, "flagged" if a in flagged else "deferred") for a in rows[:LIMIT]]
    return Verdict(Status.BROKEN if flagged else Status.MET, summary, evidence, str(year))


@check("S13", "appointments")
def appointment_procedure(year, today) -> Verdict:
    """The whole procedure: the motion before the members, competitive elections (§7.1,
    §7.2), the law exam (§7.8), the statement (§7.9), the certificate and the oath (§7.12)."""
    parts = [deputy_slates(year, today), official_slates(year, today), law_exam(year, today), statement(year, today), oath(year, today)]  # fmt: skip
    appointed = list(_decided(year).filter(status=A.APPOINTED, kind__in=APPOINTING).select_related("agenda_item"))  # fmt: skip
    unseen = [a for a in appointed if a.agenda_item_id is None or not a.motion.strip()]
    uncertified = [a for a in appointed if a.kind == K.APPOINT and not a.certificate_no]
    lines = [p.summary for p in parts if p.status != Status.NOT_APPLICABLE]
    statuses = [p.status for p in parts]
    if appointed:
        lines.append(format_lazy(_("任命 {n} 人，任免议案未列入会议议程发给组成人员的 {m} 人，尚未签发任命书的 {c} 人"), n=len(appointed), m=len(unseen), c=len(uncertified)))  # fmt: skip
        statuses += [Status.BROKEN if unseen else Status.MET, _late(year, today) if uncertified else Status.MET]  # fmt: skip
    if not lines:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有选举和任命。"), [], str(year))
    evidence = [e for p in parts for e in p.evidence][:LIMIT]
    evidence += [
        _appointment(a, "flagged") for a in (unseen + uncertified)[: LIMIT - len(evidence)]
    ]
    return Verdict(worst(*statuses), join(lines), evidence, str(year))


# ------------------------------------------------------------------- legislation (S5)


def _project(p, status: str = "") -> Evidence:
    return Evidence(p.title, reverse("legislation:project_detail", args=[p.pk]), status)


@check("S5", "legislation")
def legislation(year, today) -> Verdict:
    """The year's legislative plan published; bills argued before submission; each passed
    bill published for comment ``legislation.comment_days`` days, read the required times and
    the handling of comments reported; an expert pool to consult; evaluations counted."""
    j = jurisdiction()
    if j is not None and j.level == Jurisdiction.Level.COUNTY:
        return Verdict(Status.NOT_APPLICABLE, _("县级人民代表大会及其常委会没有地方立法权（立法法第81条），不编制立法计划。"), [], str(year))  # fmt: skip
    statuses, lines, evidence = [], [], []
    plan = Plan.objects.filter(kind=Plan.Kind.ANNUAL, year_from__lte=year, year_to__gte=year).order_by("-id").first()  # fmt: skip
    if plan is None:
        statuses.append(_late(year, today))
        lines.append(_("尚未制定本年度立法计划"))
    else:
        evidence.append(Evidence(plan.title, reverse("legislation:plan_detail", args=[plan.pk])))
        published = plan.status == Plan.Status.PUBLISHED
        statuses.append(Status.MET if published else _late(year, today))
        lines.append(_("年度立法计划已公布") if published else format_lazy(_("年度立法计划{state}，尚未公布"), state=plan.get_status_display()))  # fmt: skip
    submitted = list(Project.objects.filter(submitted_on__year=year).order_by("submitted_on", "id"))
    unargued = [p for p in submitted if p.argued_on is None or p.argued_on > p.submitted_on]
    held = Count("readings", filter=Q(readings__status="held"))
    passed = list(Project.objects.filter(voted_on__year=year, status__in=PASSED_OR_LATER).annotate(held=held).order_by("voted_on", "id"))  # fmt: skip
    days, normal = int(param("legislation.comment_days")), int(param("legislation.readings"))
    periods = DraftVersion.objects.filter(project__in=passed, comment_opens_on__isnull=False, comment_closes_on__isnull=False)  # fmt: skip
    commented = {pid for pid, a, b in periods.values_list("project_id", "comment_opens_on", "comment_closes_on") if (b - a).days + 1 >= days}  # fmt: skip
    uncommented = [p for p in passed if p.pk not in commented]
    unread = [p for p in passed if p.held < p.readings_required or (p.readings_required < normal and p.fewer_readings_on is None)]  # fmt: skip
    unreported = [p for p in passed if p.feedback_published_at is None]
    lines.append(format_lazy(_("提请审议法规案 {n} 件，未经立项论证 {m} 件"), n=len(submitted), m=len(unargued)))  # fmt: skip
    lines.append(format_lazy(
        _("通过法规 {n} 件：未向社会公布征求意见满{days}日 {a} 件，审议次数不足 {b} 件，未通报征求意见情况 {c} 件"),
        n=len(passed), days=days, a=len(uncommented), b=len(unread), c=len(unreported),
    ))  # fmt: skip
    statuses += [Status.BROKEN if unargued or uncommented or unread else Status.MET, Status.AT_RISK if unreported else Status.MET]  # fmt: skip
    experts = Expert.objects.filter(available=True).count()
    evaluated = Evaluation.objects.filter(reported_on__year=year).count()
    lines.append(format_lazy(_("立法专家库可参加咨询的专家 {n} 人，本年度完成立法后评估 {e} 项"), n=experts, e=evaluated))  # fmt: skip
    if not experts and (submitted or passed):
        statuses.append(Status.AT_RISK)
    evidence.append(Evidence(_("立法专家库"), reverse("legislation:experts")))
    flagged = list(dict.fromkeys(unargued + uncommented + unread + unreported))
    evidence += [_project(p, "flagged") for p in flagged[:LIMIT]]
    return Verdict(worst(*statuses), join(lines), evidence, str(year))


# -------------------------------------------------------------------- budget (§4.8)


def _due_month(year: int, today: dt.date) -> int:
    """The last month whose execution should be in: each month's figures within the month
    after it (0 while none is due)."""
    index = today.year * 12 + today.month - 3  # the month before last, counted from year 0
    return max(0, min(12, index - year * 12 + 1))


@check("§4.8", "budget")
def networked_oversight(year, today) -> Verdict:
    """The year's budget and monthly execution imported, and each flagged deviation followed
    by an inquiry that the unit answers in time (casework's deadline)."""
    due, p = _due_month(year, today), monitoring.period(year)
    if not due and p.execution is None:
        return Verdict(Status.NOT_DUE, _("本年度预算执行数据尚未到导入时间。"), [], str(year))
    statuses, lines = [], []
    evidence = [Evidence(_("预算联网监督"), reverse("budget:monitor"))]
    if p.base is None:
        statuses.append(Status.BROKEN)
        lines.append(_("尚未导入本年度预算数"))
    if p.month < due:
        statuses.append(Status.AT_RISK if p.month == due - 1 else Status.BROKEN)
    lines.append(format_lazy(_("执行数据已导入至{month}月（应至{due}月）"), month=p.month, due=due))
    flagged = monitoring.deviations(p) if p.execution is not None else []
    inquiries = list(Inquiry.objects.filter(year=year).values_list("subject", "unit_id", "case_id"))
    subjects, units = {s for s, _u, _c in inquiries}, {u for _s, u, _c in inquiries}
    orgs = dict(Department.objects.filter(pk__in=[r.pk for r in flagged if r.pk]).values_list("pk", "organization_id"))  # fmt: skip

    def followed(r) -> bool:
        if r.kind == "department":
            return r.name in subjects or (orgs.get(r.pk) is not None and orgs[r.pk] in units)
        return any(s.split(" ")[0] == r.key for s in subjects)

    unfollowed = [r for r in flagged if not followed(r)]
    overdue = list(cw.overdue(Case.objects.filter(pk__in=[c for _s, _u, c in inquiries if c]), today).order_by("due_on")[:LIMIT])  # fmt: skip
    lines.append(format_lazy(
        _("截至{month}月预警 {n} 项，未发出询问 {m} 项；询问 {q} 件，逾期未答复 {o} 件"),
        month=p.month, n=len(flagged), m=len(unfollowed), q=len(inquiries), o=len(overdue),
    ))  # fmt: skip
    statuses += [Status.AT_RISK if unfollowed else Status.MET, Status.BROKEN if overdue else Status.MET]  # fmt: skip
    if flagged:
        evidence.append(Evidence(_("偏离预警"), reverse("budget:deviations")))
    evidence += [Evidence(c.title, reverse("casework:detail", args=[c.pk]), "overdue") for c in overdue]  # fmt: skip
    return Verdict(worst(*statuses), join(lines), evidence, str(year))


# ------------------------------------------------------------------- organization (S29)


@check("S29", "organization")
def default_structure(year, today) -> Verdict:
    """The seed's bodies for the jurisdiction's level in being at the year's end: the special
    committees named, and at least the default number of the standing committee's offices
    and working committees (renda.people.structure)."""
    j, sc = jurisdiction(), standing_committee()
    if j is None or sc is None:
        return Verdict(Status.NOT_APPLICABLE, _("尚未设置行政区域及其人大机构。"), [], str(year))
    day = year_end(year, today)
    rows = [r for r in structure.default_structure(j.level) if r not in structure.COMMON_TOP]
    special = {code: name for code, name, _en, kind, _p in rows if kind == OK.SPECIAL_COMMITTEE}
    need = {k: sum(1 for _c, _n, _e, kind, parent in rows if kind == k and parent == sc.code) for k in (OK.GENERAL_OFFICE, OK.WORKING_BODY)}  # fmt: skip
    live = Organization.objects.filter(
        Q(founding_date__isnull=True) | Q(founding_date__lte=day), Q(dissolution_date__isnull=True) | Q(dissolution_date__gt=day),
    )  # fmt: skip
    common = [r[0] for r in structure.COMMON_TOP]
    found = list(
        live.filter(Q(kind=OK.SPECIAL_COMMITTEE, code__in=special) | Q(parent=sc, kind__in=need))
        .exclude(code__in=common).order_by("sort_order", "id")
    )  # fmt: skip
    missing = [name for code, name in special.items() if code not in {o.code for o in found}]
    have = {k: sum(1 for o in found if o.kind == k and o.parent_id == sc.pk) for k in need}
    short = [k for k in need if have[k] < need[k]]
    lines = [
        format_lazy(_("{level}：专门委员会应设 {n} 个，缺 {m} 个{names}"), level=j.get_level_display(), n=len(special), m=len(missing), names=f"（{'、'.join(missing)}）" if missing else ""),
        format_lazy(_("常委会办事机构 {o} 个（默认 {on} 个），工作委员会 {w} 个（默认 {wn} 个）"), o=have[OK.GENERAL_OFFICE], on=need[OK.GENERAL_OFFICE], w=have[OK.WORKING_BODY], wn=need[OK.WORKING_BODY]),
    ]  # fmt: skip
    evidence = [
        Evidence(o.name, reverse("people:organization_detail", args=[o.pk])) for o in found[:LIMIT]
    ]
    return Verdict(
        Status.BROKEN if missing or short else Status.MET, join(lines), evidence, str(year)
    )
