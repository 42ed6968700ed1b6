"""Supervision in the field and its follow-through (S6, S10, S11, §3.2, §3.4–§3.10).

What each reads:

- S6: the year's plan topics of kind 执法检查 and the inspections held (supervision's
  ``plan_with_items``/``item_states``), and the filing review of the documents registered in
  the year (every one under review; filings' own ``overdue_reviews``).
- S10: the special research topics (专题调研) of the year, each ended one with its report.
- S11: the special inquiries held with every respondent present, the deliberation opinions'
  handling reports brought to a meeting, and the satisfaction results published.
- §3.2: the three back-scheduled milestones of each special work report (``milestones``).
- §3.4: the satisfaction evaluations of the year: the tally against all members, the result
  published, re-handling after an unsatisfied vote, referral after the configured failures,
  and the topics the plan marks for an evaluation.
- §3.5: inquiry respondents present, opinions compiled and handled in time.
- §3.6: the inspection plan sent in time, the report published, its opinions handled in time.
- §3.7: interpellations co-signed by enough members and answered again when more than half
  of the proposers were dissatisfied.
- §3.10: dismissal motions (撤职) of the appointments: the proposer, the anonymous ballot and
  the majority of all members.

§3.8 and §3.9 have no records on the platform and are registered as unevaluable.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.appointments.models import Appointment
from renda.casework import selectors as cw
from renda.casework import workflow as case_flow
from renda.casework.deadlines import DUE_VERY_SOON_DAYS
from renda.casework.models import Case
from renda.core.statute import param, params
from renda.filings import selectors as fs
from renda.filings.models import Filing
from renda.supervision import selectors as sv
from renda.supervision.models import (
    Evaluation,
    InquiryRespondent,
    InquirySession,
    Inspection,
    Interpellation,
    Opinion,
    OpinionRound,
    Report,
    Research,
)
from renda.supervision.services import interpellation_threshold
from renda.voting.models import Poll
from renda.voting.rules import majority_of_all

from ..registry import Evidence, Status, Verdict, check, join, shared, unevaluable, worst, year_end

MAX_EVIDENCE = 50
#: Filing statuses after registration (a registered document is reviewed: 有备必审).
REGISTERED = (Filing.Status.REGISTERED, Filing.Status.CONCLUDED, Filing.Status.REVOKED)


def _over(year: int, today: dt.date) -> bool:
    return today > dt.date(year, 12, 31)


def _states(year: int, today: dt.date) -> list:
    """The year's plan topics with their states (computed once per dashboard)."""

    def compute():
        plan = sv.plan_with_items(year)
        return sv.item_states(plan, today) if plan else []

    return shared(("oversight.plan_states", year, today), compute)


def _planned(year, today, kind, held: int, what) -> tuple[str, list]:
    """Whether the plan's topics of ``kind`` were carried out: overdue ones break it; none at
    all in the year breaks it once the year is over (at risk before, unless one is planned)."""
    items = [s for s in _states(year, today) if s.item.kind == kind and s.status != "cancelled"]
    overdue = [s for s in items if s.overdue]
    lines = []
    if overdue:
        lines.append(format_lazy(_("计划{what} {n} 项逾期未开展"), what=what, n=len(overdue)))
        return Status.BROKEN, lines
    if held or any(s.status != "planned" for s in items):
        return Status.MET, lines
    if _over(year, today):
        return Status.BROKEN, [format_lazy(_("本年度未开展{what}"), what=what)]
    if items:
        return Status.NOT_DUE, [format_lazy(_("计划{what} {n} 项，尚未开展"), what=what, n=len(items))]  # fmt: skip
    return Status.AT_RISK, [format_lazy(_("本年度尚未安排{what}"), what=what)]


def _year_opinions(year: int) -> Q:
    return Q(report__meeting__starts_on__year=year) | Q(inquiry__meeting__starts_on__year=year)


def _overdue_opinions(qs, today: dt.date) -> set[int]:
    """Opinions of ``qs`` whose handling case is past its deadline (the casework engine)."""
    cases = Case.objects.filter(supervision_round__opinion__in=qs)
    return set(cw.overdue(cases, today).values_list("supervision_round__opinion_id", flat=True))


def _opinion_link(o: Opinion, flag: str = "") -> Evidence:
    return Evidence(o.title, reverse("supervision:opinion_detail", args=[o.pk]), flag or o.status)


# -- S6 law-enforcement inspections and filing review ----------------------------------------


def _inspections(year: int):
    return list(Inspection.objects.filter(starts_on__year=year).order_by("starts_on", "id")[:MAX_EVIDENCE])  # fmt: skip


@check("S6", "supervision")
def inspections_and_filing_review(year, today) -> Verdict:
    """Inspections carried out as planned, and every document registered in the year reviewed."""
    day = year_end(year, today)
    rows = _inspections(year)
    missed = [i for i in rows if i.status == Inspection.Status.PLANNING and i.ends_on < day]
    carried = [i for i in rows if i.status != Inspection.Status.PLANNING]
    plan_status, lines = _planned(year, today, "inspection", len(carried), _("执法检查"))
    statuses = [plan_status, Status.BROKEN if missed else Status.MET]
    lines.insert(0, format_lazy(_("执法检查 {n} 项，已开展 {done} 项，到期未开展 {missed} 项"), n=len(rows), done=len(carried), missed=len(missed)))  # fmt: skip
    evidence = [Evidence(i.title, reverse("supervision:inspection_detail", args=[i.pk]), "late" if i in missed else i.status) for i in rows]  # fmt: skip

    registered = Filing.objects.filter(registration_year=year, status__in=REGISTERED)
    total = registered.count()
    unreviewed = list(registered.filter(review_items__isnull=True).order_by("id")[:MAX_EVIDENCE])
    overdue = list(fs.overdue_reviews(today).filter(started_on__year=year)[:MAX_EVIDENCE])
    if total or overdue:
        statuses.append(Status.BROKEN if unreviewed or overdue else Status.MET)
        lines.append(format_lazy(_("登记备案文件 {n} 件，未启动审查 {u} 件，审查逾期 {o} 件"), n=total, u=len(unreviewed), o=len(overdue)))  # fmt: skip
    else:
        lines.append(_("本年度没有登记备案的文件"))
    evidence += [Evidence(f.title, reverse("filings:detail", args=[f.pk]), "unreviewed") for f in unreviewed]  # fmt: skip
    evidence += [Evidence(r.title, reverse("filings:review", args=[r.pk]), "overdue") for r in overdue]  # fmt: skip
    return Verdict(worst(*statuses), join(lines), evidence[:MAX_EVIDENCE], str(year))


# -- S10 research visits with reports -----------------------------------------------------------


@check("S10", "supervision")
def research_with_reports(year, today) -> Verdict:
    """Research topics (视察调研) of the year, each with its report once it has ended.

    Whether a topic concerns people's livelihood is decided when the plan is made; the
    platform does not tag it, so every research topic of the year counts."""
    day = year_end(year, today)
    rows = list(
        Research.objects.filter(Q(starts_on__year=year) | Q(starts_on__isnull=True, plan_item__plan__year=year))
        .order_by("starts_on", "id")[:MAX_EVIDENCE]
    )  # fmt: skip
    reported = [r for r in rows if r.status == Research.Status.REPORTED]
    unreported = [r for r in rows if r.status != Research.Status.REPORTED and r.ends_on and r.ends_on < day]  # fmt: skip
    plan_status, lines = _planned(year, today, "research", len(rows), _("专题调研"))
    late = (Status.BROKEN if _over(year, today) else Status.AT_RISK) if unreported else Status.MET
    lines.insert(0, format_lazy(_("专题调研 {n} 项，已形成调研报告 {done} 项，调研结束未形成报告 {late} 项"), n=len(rows), done=len(reported), late=len(unreported)))  # fmt: skip
    evidence = [Evidence(r.title, reverse("supervision:research_detail", args=[r.pk]), "late" if r in unreported else r.status) for r in rows]  # fmt: skip
    return Verdict(worst(plan_status, late), join(lines), evidence, str(year))


# -- S11 inquiries, handling reports, published results ---------------------------------------


def _sessions(year: int):
    absent = Count(
        "respondents", filter=Q(respondents__attended__isnull=True) | Q(respondents__attended=False)
    )
    return list(
        InquirySession.objects.filter(meeting__starts_on__year=year)
        .select_related("meeting")
        .annotate(n_respondents=Count("respondents"), n_absent=absent)
        .order_by("meeting__starts_on", "id")[:MAX_EVIDENCE]
    )


def _session_link(s: InquirySession, flag: str = "") -> Evidence:
    return Evidence(s.title, reverse("supervision:inquiry_detail", args=[s.pk]), flag or s.status)


def _evaluations(year: int) -> list[Evaluation]:
    """The year's evaluations with the opinion's last round number (one query)."""
    last = OpinionRound.objects.filter(opinion=OuterRef("round__opinion")).order_by("-number").values("number")[:1]  # fmt: skip
    return shared(
        ("oversight.evaluations", year),
        lambda: list(
            sv.evaluations(year)
            .select_related("round__opinion")
            .annotate(last_round=Subquery(last))[:MAX_EVIDENCE]
        ),  # fmt: skip
    )


def _published(year: int) -> tuple[str, list, list]:
    """Satisfaction results published (the opinion is public, the poll sealed, the result taken)."""
    rows = _evaluations(year)
    if not rows:
        return Status.NOT_APPLICABLE, [], []
    hidden = [e for e in rows if e.result != Evaluation.Result.PENDING and not e.round.opinion.published]  # fmt: skip
    pending = [e for e in rows if e.result == Evaluation.Result.PENDING and e.poll.status == Poll.Status.SEALED]  # fmt: skip
    status = Status.BROKEN if hidden else Status.AT_RISK if pending else Status.MET
    line = format_lazy(_("满意度测评 {n} 次，结果未公开 {h} 次，已封存待登记 {p} 次"), n=len(rows), h=len(hidden), p=len(pending))  # fmt: skip
    evidence = [_opinion_link(e.round.opinion, "unpublished" if e in hidden else e.result) for e in hidden + pending]  # fmt: skip
    return status, [line], evidence


@check("S11", "supervision")
def inquiries_and_follow_through(year, today) -> Verdict:
    """Inquiries held with the heads present; opinions' handling reported to a meeting once due;
    satisfaction results published."""
    sessions = _sessions(year)
    held = [s for s in sessions if s.status == InquirySession.Status.HELD]
    not_held = [s for s in sessions if s.status != InquirySession.Status.HELD and s.meeting.ends_on < today]  # fmt: skip
    absent = [s for s in held if s.n_absent or not s.n_respondents]
    plan_status, lines = _planned(year, today, "inquiry", len(held), _("专题询问"))
    statuses = [plan_status, Status.BROKEN if not_held or absent else Status.MET]
    lines.insert(0, format_lazy(_("专题询问 {n} 次，已举行 {held} 次，会议后未登记举行 {missed} 次，应询人未全部到会 {absent} 次"), n=len(sessions), held=len(held), missed=len(not_held), absent=len(absent)))  # fmt: skip
    evidence = [_session_link(s, "late" if s in not_held or s in absent else "") for s in sessions]

    replied = Q(rounds__case__status__in=case_flow.FOLLOW_UP)
    opinions = list(
        Opinion.objects.filter(_year_opinions(year)).exclude(status=Opinion.Status.DRAFT)
        .annotate(due=Min("rounds__case__due_on"), heard=Count("rounds__report_meeting"), replied=Count("rounds", filter=replied))
        .order_by("id")[:MAX_EVIDENCE]
    )  # fmt: skip
    unreported = [o for o in opinions if not o.heard and o.due and o.due < today and not o.replied]
    waiting = [o for o in opinions if not o.heard and o.due and o.due < today and o.replied]
    if opinions:
        statuses.append(Status.BROKEN if unreported else Status.AT_RISK if waiting else Status.MET)
        lines.append(format_lazy(_("审议意见 {n} 件，研究处理情况已向常委会报告 {heard} 件，逾期未报告 {late} 件，已报送待提请会议 {waiting} 件"), n=len(opinions), heard=sum(1 for o in opinions if o.heard), late=len(unreported), waiting=len(waiting)))  # fmt: skip
        evidence += [_opinion_link(o, "late") for o in unreported] + [_opinion_link(o) for o in waiting]  # fmt: skip
    pub_status, pub_lines, pub_evidence = _published(year)
    statuses.append(pub_status)
    lines += pub_lines
    return Verdict(worst(*statuses), join(lines), (evidence + pub_evidence)[:MAX_EVIDENCE], str(year))  # fmt: skip


# -- §3.2 special work report timeline -------------------------------------------------------


@check("§3.2", "supervision")
def report_timeline(year, today) -> Verdict:
    """Each special work report's draft, revised report and members' copies by their days (监督法 第15条).

    Inspection and research reports are written by the teams, so the timeline is not theirs."""
    day = year_end(year, today)
    values = params(*(step[2] for step in sv.MILESTONE_STEPS))
    reports = list(
        Report.objects.filter(meeting__starts_on__year=year, inspection__isnull=True, research__isnull=True)
        .select_related("meeting").order_by("meeting__starts_on", "id")[:MAX_EVIDENCE]
    )  # fmt: skip
    if not reports:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有提请会议审议的专项工作报告。"), [], str(year))  # fmt: skip
    statuses, evidence, late_n, soon_n = [], [], 0, 0
    for r in reports:
        stones = sv.milestones(r, day, values)
        late = [m for m in stones if m.late]
        soon = [m for m in stones if not m.done and m.due_on and (m.due_on - day).days <= DUE_VERY_SOON_DAYS]  # fmt: skip
        if late:
            statuses.append(Status.BROKEN)
            late_n += 1
        elif soon:
            statuses.append(Status.AT_RISK)
            soon_n += 1
        elif any(not m.done for m in stones):
            statuses.append(Status.NOT_DUE)
        else:
            statuses.append(Status.MET)
        flag = "late" if late else "soon" if soon else r.status
        evidence.append(Evidence(r.title, reverse("supervision:report_detail", args=[r.pk]), flag))
    summary = format_lazy(
        _("专项工作报告 {n} 件（会前 {a}/{b}/{c} 日送专门委员会、送常委会、印发组成人员）：环节逾期 {late} 件，临近期限 {soon} 件"),
        n=len(reports), late=late_n, soon=soon_n,
        a=values["lead.special_report_to_committee_days"], b=values["lead.special_report_to_sc_days"], c=values["lead.special_report_to_members_days"],
    )  # fmt: skip
    return Verdict(worst(*statuses), summary, evidence, str(year))


# -- §3.4 satisfaction evaluations -----------------------------------------------------------


def _tally_agrees(ev: Evaluation) -> bool:
    """The recorded result is what the tally gives against all members (floor(N/2)+1)."""
    seal = getattr(ev.poll, "seal", None)
    tally = dict(seal.tally) if seal is not None else dict(ev.tally or {})
    base = tally.get("base")
    if not isinstance(base, int) or (ev.poll.base_count is not None and base != ev.poll.base_count):
        return False
    favourable = int(tally.get("satisfied") or 0)
    if tally.get("counts_basic", ev.poll.satisfaction_counts_basic):
        favourable += int(tally.get("basically_satisfied") or 0)
    expected = Evaluation.Result.SATISFIED if favourable >= majority_of_all(base) else Evaluation.Result.NOT_SATISFIED  # fmt: skip
    return ev.result == expected


@check("§3.4", "supervision")
def satisfaction_evaluations(year, today) -> Verdict:
    """Denominator all members, results published, re-handling after a failure, referral after
    the configured failures, and the topics the plan marks for an evaluation evaluated."""
    rows = _evaluations(year)
    concluded = [e for e in rows if e.result != Evaluation.Result.PENDING]
    wrong = [e for e in concluded if not _tally_agrees(e)]
    failed = [e for e in concluded if e.result == Evaluation.Result.NOT_SATISFIED and e.last_round == e.round.number]  # fmt: skip
    dropped = [e for e in failed if e.round.opinion.status != Opinion.Status.UNSATISFIED]
    awaiting = [e for e in failed if e not in dropped]
    limit = int(param("supervision.evaluation_failures_for_referral"))
    evaluated = Opinion.objects.filter(rounds__evaluation__poll__agenda_item__meeting__starts_on__year=year).values("pk")  # fmt: skip
    unreferred = list(
        Opinion.objects.filter(pk__in=evaluated, referral_flagged=False)
        .annotate(n_failed=Count("rounds__evaluation", filter=Q(rounds__evaluation__result=Evaluation.Result.NOT_SATISFIED)))
        .filter(Q(n_failed__gte=limit) | Q(failures__gte=limit)).order_by("id")[:MAX_EVIDENCE]
    )  # fmt: skip
    has_evaluation = Evaluation.objects.filter(round__opinion=OuterRef("pk"))
    skipped = list(
        Opinion.objects.filter(report__meeting__starts_on__year=year, report__plan_item__with_evaluation=True, status=Opinion.Status.CLOSED)
        .exclude(Exists(has_evaluation)).order_by("id")[:MAX_EVIDENCE]
    )  # fmt: skip
    pub_status, pub_lines, pub_evidence = _published(year)
    if not rows and not skipped:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有开展满意度测评。"), [], str(year))
    broken = wrong or dropped or unreferred or skipped
    status = worst(pub_status, Status.BROKEN if broken else Status.AT_RISK if awaiting else Status.MET)  # fmt: skip
    lines = [
        format_lazy(_("满意度测评 {n} 次（以全体组成人员过半数为满意），计票与结果不符 {w} 次"), n=len(rows), w=len(wrong)),
        format_lazy(_("测评不满意待重新办理 {a} 件，未重新办理即办结 {d} 件"), a=len(awaiting), d=len(dropped)),
        format_lazy(_("不满意达 {limit} 次未提请党委采取组织措施 {u} 件，计划要求测评而未测评即办结 {s} 件"), limit=limit, u=len(unreferred), s=len(skipped)),
        *pub_lines,
    ]  # fmt: skip
    evidence = [_opinion_link(e.round.opinion, "tally") for e in wrong]
    evidence += [_opinion_link(e.round.opinion, "rehandle") for e in dropped + awaiting]
    evidence += [_opinion_link(o, "referral") for o in unreferred] + [_opinion_link(o, "not_evaluated") for o in skipped]  # fmt: skip
    return Verdict(status, join(lines), (evidence + pub_evidence)[:MAX_EVIDENCE], str(year))


# -- §3.5 special inquiries -------------------------------------------------------------------


@check("§3.5", "supervision")
def inquiry_procedure(year, today) -> Verdict:
    """Held inquiries: the heads attended, opinions compiled within the sending days after the
    meeting, their handling reported within ``supervision.inquiry_reply_months``."""
    sessions = [s for s in _sessions(year) if s.status == InquirySession.Status.HELD]
    if not sessions:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有举行专题询问。"), [], str(year))
    send_days = int(param("supervision.opinion_send_days"))
    months = param("supervision.inquiry_reply_months")
    has_opinion = Opinion.objects.filter(Q(inquiry=OuterRef("pk")) | Q(report_id=OuterRef("report_id")))  # fmt: skip
    with_opinion = set(InquirySession.objects.filter(pk__in=[s.pk for s in sessions]).filter(Exists(has_opinion)).values_list("pk", flat=True))  # fmt: skip
    absent = [s for s in sessions if s.n_absent or not s.n_respondents]
    no_opinion = [s for s in sessions if s.pk not in with_opinion and s.meeting.ends_on + dt.timedelta(days=send_days) < today]  # fmt: skip
    opinions = Opinion.objects.filter(inquiry__in=[s.pk for s in sessions])
    overdue = list(Opinion.objects.filter(pk__in=_overdue_opinions(opinions, today)).order_by("id")[:MAX_EVIDENCE])  # fmt: skip
    names = list(InquiryRespondent.objects.filter(session__in=absent, attended__isnull=True).values_list("person__name", flat=True)[:10])  # fmt: skip
    names += list(InquiryRespondent.objects.filter(session__in=absent, attended=False).values_list("person__name", flat=True)[:10])  # fmt: skip
    status = Status.BROKEN if absent or no_opinion or overdue else Status.MET
    summary = format_lazy(
        _("专题询问 {n} 次：应询人未全部到会 {a} 次{names}，会后 {days} 日内未形成询问意见 {o} 次，询问意见逾期未在 {months} 个月内报告研究处理情况 {late} 件"),
        n=len(sessions), a=len(absent), names=f"（{'、'.join(names)}）" if names else "", days=send_days, o=len(no_opinion), months=months, late=len(overdue),
    )  # fmt: skip
    evidence = [
        _session_link(s, "late" if s in absent or s in no_opinion else "") for s in sessions
    ]
    evidence += [_opinion_link(o, "late") for o in overdue]
    return Verdict(status, summary, evidence[:MAX_EVIDENCE], str(year))


# -- §3.6 law-enforcement inspections ----------------------------------------------------------


@check("§3.6", "supervision")
def inspection_procedure(year, today) -> Verdict:
    """Inspection plan sent ``supervision.inspection_plan_days`` before the start, the report
    published once heard, its opinions handled within ``supervision.inspection_reply_months``."""
    rows = _inspections(year)
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有执法检查。"), [], str(year))
    days = int(param("supervision.inspection_plan_days"))
    months = param("supervision.inspection_reply_months")
    late = [i for i in rows if sv.inspection_plan_late(i, today, days)]
    pending = [i for i in rows if i.plan_sent_on is None and i not in late]
    soon = [i for i in pending if (sv.plan_due_on(i, days) - today).days <= DUE_VERY_SOON_DAYS]
    report_ids = [i.report_id for i in rows if i.report_id]
    unpublished = list(Report.objects.filter(pk__in=report_ids, status=Report.Status.DELIBERATED, published=False).order_by("id"))  # fmt: skip
    opinions = Opinion.objects.filter(report__in=report_ids)
    overdue = list(Opinion.objects.filter(pk__in=_overdue_opinions(opinions, today)).order_by("id")[:MAX_EVIDENCE])  # fmt: skip
    if late or unpublished or overdue:
        status = Status.BROKEN
    elif soon:
        status = Status.AT_RISK
    else:
        status = Status.NOT_DUE if pending else Status.MET
    summary = format_lazy(
        _("执法检查 {n} 项：检查方案未在检查开始 {days} 日前印发 {late} 项，临近印发期限 {soon} 项；审议后未公开的检查报告 {u} 件；审议意见逾期未在 {months} 个月内报告研究处理情况 {o} 件"),
        n=len(rows), days=days, late=len(late), soon=len(soon), u=len(unpublished), months=months, o=len(overdue),
    )  # fmt: skip
    evidence = [Evidence(i.title, reverse("supervision:inspection_detail", args=[i.pk]), "late" if i in late else "soon" if i in soon else i.status) for i in rows]  # fmt: skip
    evidence += [Evidence(r.title, reverse("supervision:report_detail", args=[r.pk]), "unpublished") for r in unpublished]  # fmt: skip
    evidence += [_opinion_link(o, "late") for o in overdue]
    return Verdict(status, summary, evidence[:MAX_EVIDENCE], str(year))


# -- §3.7 interpellations in the standing committee ----------------------------------------------


@check("§3.7", "supervision")
def interpellations(year, today) -> Verdict:
    """Co-signers at least the threshold of the level (the platform refuses fewer at submission);
    more than half of the proposers dissatisfied → answered again, never closed."""
    rows = list(
        Interpellation.objects.filter(Q(meeting__starts_on__year=year) | Q(meeting__isnull=True, created_at__year=year))
        .annotate(n_signers=Count("signer_rows"), n_dissatisfied=Count("signer_rows", filter=Q(signer_rows__dissatisfied=True)))
        .order_by("id")[:MAX_EVIDENCE]
    )  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有提出质询案。"), [], str(year))
    need = interpellation_threshold()
    few = [i for i in rows if i.n_signers < need]
    closed = [i for i in rows if i.status == Interpellation.Status.CLOSED and i.n_dissatisfied * 2 > i.n_signers]  # fmt: skip
    again = [i for i in rows if i.status == Interpellation.Status.REANSWER]
    status = Status.BROKEN if few or closed else Status.AT_RISK if again else Status.MET
    summary = format_lazy(
        _("质询案 {n} 件（须 {need} 名以上组成人员联名，提交时由平台核对）：联名不足 {few} 件，提出人过半数不满意而未再作答复即办结 {closed} 件，待再作答复 {again} 件"),
        n=len(rows), need=need, few=len(few), closed=len(closed), again=len(again),
    )  # fmt: skip
    flagged = set(few) | set(closed)
    evidence = [Evidence(i.title, reverse("supervision:interpellation_detail", args=[i.pk]), "broken" if i in flagged else i.status) for i in rows]  # fmt: skip
    return Verdict(status, summary, evidence, str(year))


unevaluable(
    "§3.8",
    "supervision",
    _("平台登记的质询案是常委会组成人员联名提出的（监督工作—质询案，提交时核对联名人数）；人民代表大会会议期间代表10人以上联名提出的质询案由大会主席团处理，平台没有登记，无法在数据上检查。"),
)  # fmt: skip
unevaluable(
    "§3.9",
    "supervision",
    _("平台没有特定问题调查委员会的记录（提议人、组成和调查报告），主任会议或五分之一以上组成人员提议、主席团或十分之一以上代表提议的门槛无法在数据上检查。"),
)  # fmt: skip


# -- §3.10 dismissal motions ---------------------------------------------------------------------


@check("§3.10", "supervision")
def dismissals(year, today) -> Verdict:
    """撤职案: moved by the council or a body (the platform's proposers; a motion of one fifth
    of the members has no proposer there), voted without names, carried by a majority of all
    members (监督法 第61–62条)."""
    rows = list(
        Appointment.objects.filter(kind=Appointment.Kind.DISMISS)
        .filter(Q(nominated_on__year=year) | Q(decided_on__year=year))
        .select_related("person", "post__organization", "poll__seal").order_by("nominated_on", "id")[:MAX_EVIDENCE]
    )  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有撤职案。"), [], str(year))
    proposer = [a for a in rows if a.nominator not in Appointment.Nominator.values]
    named = [a for a in rows if a.poll is not None and a.poll.secrecy == Poll.Secrecy.NAMED]

    def short(a: Appointment) -> bool:
        seal = getattr(a.poll, "seal", None) if a.poll is not None else None
        tally = dict(seal.tally) if seal is not None else dict(a.tally or {})
        base = tally.get("base") or (a.poll.base_count if a.poll is not None else None)
        if not isinstance(base, int) or (
            a.poll is not None and a.poll.base_count not in (None, base)
        ):
            return True
        return int(tally.get("yes") or 0) < majority_of_all(base)

    carried = [a for a in rows if a.status == Appointment.Status.RELIEVED]
    weak = [a for a in carried if short(a)]
    status = Status.BROKEN if proposer or named or weak else Status.MET
    summary = format_lazy(
        _("撤职案 {n} 件，通过 {c} 件：提议人不合规定 {p} 件，记名表决 {named} 件，未获全体组成人员过半数而登记通过 {w} 件"),
        n=len(rows), c=len(carried), p=len(proposer), named=len(named), w=len(weak),
    )  # fmt: skip
    flagged = set(proposer) | set(named) | set(weak)
    evidence = [Evidence(a.title, reverse("appointments:appointment_detail", args=[a.pk]), "broken" if a in flagged else a.status) for a in rows]  # fmt: skip
    return Verdict(status, summary, evidence, str(year))
