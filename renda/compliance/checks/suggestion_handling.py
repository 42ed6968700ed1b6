"""Deputies' suggestions (S27, §1.1, §1.3–§1.14), read from the suggestions' own records and
the casework engine that handles them after assignment.

- §1.1 the year's suggestions (by submission) with their channel and session, and the
  assignment time of every assigned one (``Case.assigned_at``);
- §1.5 screening: the year's not-accepted suggestions carry valid reason codes (a note for
  "other"), the reasons the refusal's notice gives the deputy;
- §1.4 key supervision: the year's assigned suggestion cases marked ``is_key`` with a
  council-member leader and a supervising committee;
- §1.6 re-handling: the year's verifications that ordered re-handling, their new deadline
  against ``casework.rehandle_months`` and the re-handling reply;
- §1.7 ratings: the year's replies, each rating window (``casework.rating_window_workdays``)
  and the ratings' ``late`` flag that keeps late ones out of the statistics;
- §1.8 return requests against ``casework.return_window_workdays`` from the assignment;
- §1.9 co-handlers' opinions against ``casework.co_opinion_months`` and their stored deadline;
- §1.10 assignment of between-session suggestions within ``casework.assign_workdays``, the
  lead unit's first contact within ``casework.contact_workdays`` and a contact before each reply;
- §1.11 every reply signed, every confirmed co-signer a requester of the case (one letter each);
- §1.12 result classes of the kind and the follow-up replies B/C items wait for;
- §1.13 withheld suggestions and replies with reasons, replies awaiting the publication review,
  and the cases' ``published`` flag against their public replies;
- §1.14 the year's reply, satisfaction and solved rates (``suggestions.statistics``);
- S27 the screening, assignment, re-handling, key-supervision and signature parts together.

§1.3 is registered as unevaluable: the platform does not record which meeting heard the report.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role
from renda.casework import selectors as cw
from renda.casework.deadlines import DUE_VERY_SOON_DAYS
from renda.casework.models import (
    Assignment,
    Case,
    CaseKind,
    CaseRequester,
    Contact,
    Rating,
    Reply,
    ReturnRequest,
    Verification,
)
from renda.casework.services.publication import AWAITING_REVIEW, PUBLIC_REPLY
from renda.core.statute import param
from renda.core.workdays import add_months, calendar_around
from renda.meetings.models import Meeting
from renda.people.models import Organization
from renda.suggestions import statistics as stats
from renda.suggestions.assignment import KIND_CODE
from renda.suggestions.models import Channel, CoSigner, NotAcceptedReason, Suggestion
from renda.suggestions.workflow import REASONS_NEEDING_NOTE

from ..registry import Evidence, Status, Verdict, check, join, shared, unevaluable, worst

S = Suggestion.Status
LIMIT = 50
#: The committees that may supervise a key suggestion (rules §1.4).
SUPERVISING_KINDS = (Organization.Kind.SPECIAL_COMMITTEE, Organization.Kind.WORKING_BODY)


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def _calendar(year: int):
    """The working-day calendar around the year (one query, shared by the checks of a run)."""
    return shared(("suggestions.calendar", year), lambda: calendar_around(dt.date(year, 7, 1), days=800))  # fmt: skip


def _case(pk: int, title: str, status: str = "") -> Evidence:
    return Evidence(title, reverse("casework:detail", args=[pk]), status)


def _suggestion(pk: int, title: str, status: str = "") -> Evidence:
    return Evidence(title, reverse("suggestions:detail", args=[pk]), status)


def _verdict(status: str, lines: list, evidence: list[Evidence], year: int) -> Verdict:
    return Verdict(status, join(lines), evidence[:LIMIT], str(year))


def _open_status(late: int, soon: int) -> str:
    return Status.BROKEN if late else Status.AT_RISK if soon else Status.MET


def _replies(year: int):
    """The year's first replies (not follow-ups) to suggestions."""
    return Reply.objects.filter(case__suggestion__isnull=False, is_follow_up=False, replied_at__year=year)  # fmt: skip


@check("§1.1", "suggestions")
def intake(year, today) -> Verdict:
    """Suggestions made during or between sessions, each assigned one with its assignment time."""
    rows = Suggestion.objects.filter(submitted_at__year=year).exclude(status=S.DRAFT)
    wrong = (Q(status=S.ASSIGNED) & (Q(case__isnull=True) | Q(case__assigned_at__isnull=True))) | (
        Q(channel=Channel.SESSION) & ~Q(session__kind=Meeting.Kind.CONGRESS_SESSION)
    )  # fmt: skip
    n = rows.aggregate(
        total=Count("id"),
        during=Count("id", filter=Q(channel=Channel.SESSION)),
        assigned=Count("id", filter=Q(status=S.ASSIGNED)),
        wrong=Count("id", filter=wrong),
    )
    if not n["total"]:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有提出代表建议。"), [], str(year))
    lines = [format_lazy(_("本年度提出建议 {n} 件（会议期间 {s} 件、闭会期间 {b} 件），已交办 {a} 件"), n=n["total"], s=n["during"], b=n["total"] - n["during"], a=n["assigned"])]  # fmt: skip
    if n["wrong"]:
        lines.append(format_lazy(_("{n} 件已交办但没有交办时间，或所属会议不是人民代表大会会议"), n=n["wrong"]))  # fmt: skip
    else:
        lines.append(_("交办均经交办环节并记录交办时间"))
    evidence = [_suggestion(pk, title, "wrong") for pk, title in rows.filter(wrong).order_by("id").values_list("pk", "title")[:LIMIT]]  # fmt: skip
    evidence.append(Evidence(_("代表建议"), reverse("suggestions:list")))
    return _verdict(Status.BROKEN if n["wrong"] else Status.MET, lines, evidence, year)


unevaluable(
    "§1.3",
    "suggestions",
    _(
        "办理情况报告由平台按办理数据一键生成（办理统计页的 Word 报告），公众网站实时公开办理情况；"
        "但向常委会报告和印发人代会的环节记在会议议程中，议程没有标明哪一项是建议办理情况报告，数据无法判断每次会议是否已报告。"
    ),  # fmt: skip
)


@check("§1.5", "suggestions")
def screening(year, today) -> Verdict:
    """Not-accepted suggestions with valid reasons (a note for "other") and the deputy notified."""
    screened = Suggestion.objects.filter(screened_at__year=year).count()
    if not screened:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有审查代表建议。"), [], str(year))
    refused = list(
        Suggestion.objects.filter(status=S.NOT_ACCEPTED, screened_at__year=year)
        .order_by("id")
        .values_list("pk", "title", "not_accepted_reasons", "screening_note")
    )  # fmt: skip
    bad = []
    for pk, title, reasons, note in refused:
        codes = reasons if isinstance(reasons, list) else []
        valid = bool(codes) and all(c in NotAcceptedReason.values for c in codes)
        if not valid or (set(codes) & REASONS_NEEDING_NOTE and not note.strip()):
            bad.append(_suggestion(pk, title, "wrong"))
    lines = [format_lazy(_("本年度审查建议 {n} 件，不予立案 {r} 件"), n=screened, r=len(refused))]
    if bad:
        lines.append(format_lazy(_("{n} 件不予立案没有说明有效理由"), n=len(bad)))
    elif refused:
        lines.append(_("均说明理由，理由随不予立案通知发给领衔代表"))
    return _verdict(Status.BROKEN if bad else Status.MET, lines, bad, year)


@check("§1.4", "suggestions")
def key_suggestions(year, today) -> Verdict:
    """Key suggestions selected among the year's, each with a council-member leader and a committee."""
    cases = Case.objects.filter(suggestion__isnull=False, assigned_at__year=year)
    incomplete = Q(is_key=True) & (
        Q(key_leader__isnull=True) | ~Q(key_leader__role=Role.LEADER)
        | Q(key_committee__isnull=True) | ~Q(key_committee__kind__in=SUPERVISING_KINDS)
    )  # fmt: skip
    n = cases.aggregate(total=Count("id"), key=Count("id", filter=Q(is_key=True)), bad=Count("id", filter=incomplete))  # fmt: skip
    if not n["total"]:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有交办的代表建议。"), [], str(year))
    lines = [format_lazy(_("交办建议 {n} 件，主任会议确定重点督办 {k} 件"), n=n["total"], k=n["key"])]  # fmt: skip
    if n["bad"]:
        status = Status.BROKEN
        lines.append(format_lazy(_("{n} 件未确定主任会议成员牵头督办或专门委员会督办"), n=n["bad"]))  # fmt: skip
    elif not n["key"]:
        status = Status.BROKEN if year < today.year else Status.AT_RISK
        lines.append(_("尚未确定重点督办建议"))
    else:
        status = Status.MET
        lines.append(_("均由主任会议成员牵头、专门委员会督办"))
    rows = cases.filter(is_key=True).annotate(bad=Q(incomplete)).order_by("-bad", "id").values_list("pk", "title", "bad")[:LIMIT]  # fmt: skip
    evidence = [Evidence(_("重点督办"), reverse("casework:key"))] + [_case(pk, title, "wrong" if bad else "key") for pk, title, bad in rows]  # fmt: skip
    return _verdict(status, lines, evidence, year)


@check("§1.6", "suggestions")
def rehandling(year, today) -> Verdict:
    """Re-handling ordered after a dissatisfied rating, replied within ``casework.rehandle_months``."""
    months = param("casework.rehandle_months")
    reply = Reply.objects.filter(case=OuterRef("case_id"), round=OuterRef("next_round"), is_follow_up=False).order_by("replied_at")  # fmt: skip
    rows = list(
        Verification.objects.filter(case__suggestion__isnull=False, outcome=Verification.Outcome.REHANDLE, verified_at__year=year)
        .annotate(next_round=F("round") + 1)
        .annotate(reply_at=Subquery(reply.values("replied_at")[:1]))
        .order_by("verified_at", "id")
        .values_list("case_id", "case__title", "verified_at", "new_due_on", "reply_at")
    )  # fmt: skip
    if not rows:
        return Verdict(
            Status.NOT_APPLICABLE, _("本年度没有经核实需重新办理的建议。"), [], str(year)
        )
    late, soon, evidence = 0, 0, []
    for case_id, title, verified_at, due, reply_at in rows:
        limit = add_months(_day(verified_at), months)
        due = due or limit
        replied = _day(reply_at)
        if due > limit or (replied or today) > due:
            late += 1
            evidence.insert(0, _case(case_id, title, "overdue"))
            continue
        if replied is None and (due - today).days <= DUE_VERY_SOON_DAYS:
            soon += 1
        evidence.append(_case(case_id, title, "replied" if replied else "rehandling"))
    lines = [format_lazy(_("经核实重新办理 {n} 件，应在 {m} 个月内重新答复"), n=len(rows), m=months)]  # fmt: skip
    if late:
        lines.append(format_lazy(_("{n} 件逾期未答复或期限超过规定"), n=late))
    if soon:
        lines.append(format_lazy(_("{n} 件即将到期"), n=soon))
    return _verdict(_open_status(late, soon), lines, evidence, year)


@check("§1.7", "suggestions")
def ratings(year, today) -> Verdict:
    """Each reply's rating window, and late ratings marked (and so left out of the statistics)."""
    days, cal = param("casework.rating_window_workdays"), _calendar(year)
    replies = list(
        _replies(year).filter(case__kind__requester_rates=True)
        .values_list("case_id", "case__title", "round", "replied_at", "case__round", "case__rating_due_on")
    )  # fmt: skip
    if not replies:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有需代表评价的答复。"), [], str(year))
    ends, wrong = {}, {}
    for case_id, title, rnd, replied_at, case_round, due in replies:
        end = cal.add_working_days(_day(replied_at), days)
        ends[(case_id, rnd)] = end
        if rnd == case_round and due != end:
            wrong[case_id] = title
    answered = Reply.objects.filter(case=OuterRef("case_id"), round=OuterRef("round"), is_follow_up=False, replied_at__year=year)  # fmt: skip
    given = Rating.objects.filter(Exists(answered), case__suggestion__isnull=False).order_by("id")  # fmt: skip
    rated = late = 0
    for case_id, title, rnd, rated_at, flagged in given.values_list("case_id", "case__title", "round", "rated_at", "late"):  # fmt: skip
        end = ends.get((case_id, rnd))
        if end is None:
            continue
        rated += 1
        late += flagged
        if flagged != (_day(rated_at) > end):
            wrong[case_id] = title
    lines = [
        format_lazy(_("答复 {n} 件，评价期限为答复后 {d} 个工作日"), n=len(replies), d=days),
        format_lazy(_("收到评价 {r} 件，其中逾期评价 {l} 件未计入满意率"), r=rated, l=late),
    ]  # fmt: skip
    if wrong:
        lines.append(format_lazy(_("{n} 件评价期限或逾期标记与规定不符"), n=len(wrong)))
    evidence = [_case(pk, title, "wrong") for pk, title in list(wrong.items())[:LIMIT]]
    return _verdict(Status.BROKEN if wrong else Status.MET, lines, evidence, year)


@check("§1.8", "suggestions")
def return_requests(year, today) -> Verdict:
    """Requests to return a suggestion made within ``casework.return_window_workdays`` of assignment."""
    days, cal = param("casework.return_window_workdays"), _calendar(year)
    rows = list(
        ReturnRequest.objects.filter(case__suggestion__isnull=False, requested_at__year=year)
        .order_by("requested_at", "id")
        .values_list("case_id", "case__title", "requested_at", "assignment__assigned_at")
    )  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有承办单位申请退回建议。"), [], str(year))
    late = [(pk, title) for pk, title, asked, assigned in rows if _day(asked) > cal.add_working_days(_day(assigned), days)]  # fmt: skip
    lines = [format_lazy(_("申请退回 {n} 件，应在交办后 {d} 个工作日内提出"), n=len(rows), d=days)]  # fmt: skip
    lines.append(format_lazy(_("{n} 件超过期限提出"), n=len(late)) if late else _("均在期限内提出"))  # fmt: skip
    late_ids = {pk for pk, _t in late}
    evidence = [_case(pk, title, "late" if pk in late_ids else "") for pk, title, *_r in rows]
    return _verdict(Status.BROKEN if late else Status.MET, lines, sorted(evidence, key=lambda e: e.status != "late"), year)  # fmt: skip


@check("§1.9", "suggestions")
def co_opinions(year, today) -> Verdict:
    """Co-handlers' opinions sent to the lead unit within ``casework.co_opinion_months``."""
    months = param("casework.co_opinion_months")
    rows = list(
        Assignment.objects.filter(case__suggestion__isnull=False, role=Assignment.Role.CO, assigned_at__year=year)
        .exclude(status=Assignment.Status.RETURNED)
        .exclude(case__status__in=(Case.Status.WITHDRAWN, Case.Status.MERGED))
        .order_by("due_on", "id")
        .values_list("case_id", "case__title", "assigned_at", "due_on", "opinion_at")
    )  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度交办的建议没有协办单位。"), [], str(year))
    late, soon, evidence = 0, 0, []
    for case_id, title, assigned_at, due, opinion_at in rows:
        sent = _day(opinion_at)
        if due > add_months(_day(assigned_at), months) or (sent or today) > due:
            late += 1
            evidence.insert(0, _case(case_id, title, "overdue"))
        elif sent is None and (due - today).days <= DUE_VERY_SOON_DAYS:
            soon += 1
            evidence.append(_case(case_id, title, "soon"))
    lines = [format_lazy(_("协办 {n} 件，协办意见应在交办后 {m} 个月内提交"), n=len(rows), m=months)]  # fmt: skip
    lines.append(format_lazy(_("{n} 件逾期未提交或期限超过规定"), n=late) if late else _("均按期提交或仍在期限内"))  # fmt: skip
    if soon:
        lines.append(format_lazy(_("{n} 件即将到期"), n=soon))
    return _verdict(_open_status(late, soon), lines, evidence, year)


def _assignment_in_time(year: int, today: dt.date) -> tuple[int, int, int, list[Evidence]]:
    """Between-session suggestions assigned (or refused) within ``casework.assign_workdays``."""
    days, cal = param("casework.assign_workdays"), _calendar(year)
    rows = (
        Suggestion.objects.filter(channel=Channel.BETWEEN, submitted_at__year=year, status__in=(S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.NOT_ACCEPTED))
        .order_by("submitted_at", "id")
        .values_list("pk", "title", "status", "submitted_at", "case__assigned_at", "screened_at")
    )  # fmt: skip
    total = late = soon = 0
    evidence = []
    for pk, title, status, submitted_at, assigned_at, screened_at in rows:
        total += 1
        end = cal.add_working_days(_day(submitted_at), days)
        done = _day(assigned_at if status == S.ASSIGNED else screened_at if status == S.NOT_ACCEPTED else None)  # fmt: skip
        if (done or today) > end:
            late += 1
            evidence.append(_suggestion(pk, title, "late"))
        elif done is None and (end - today).days <= 3:
            soon += 1
            evidence.append(_suggestion(pk, title, "soon"))
    return total, late, soon, evidence


@check("§1.10", "suggestions")
def intake_and_contact(year, today) -> Verdict:
    """Assignment within the intake days, the lead unit's first contact in time, a contact before the reply."""
    total, late, soon, evidence = _assignment_in_time(year, today)
    contact_days, cal = param("casework.contact_workdays"), _calendar(year)
    leads = list(
        Assignment.objects.filter(case__suggestion__isnull=False, role=Assignment.Role.LEAD, assigned_at__year=year)
        .exclude(status=Assignment.Status.RETURNED)
        .exclude(case__status__in=(Case.Status.WITHDRAWN, Case.Status.MERGED))
        .order_by("contact_due_on", "id")
        .values_list("case_id", "case__title", "assigned_at", "contact_due_on", "first_contact_on")
    )  # fmt: skip
    uncontacted = 0
    for case_id, title, assigned_at, due, first in leads:
        limit = cal.add_working_days(_day(assigned_at), contact_days) if contact_days else None
        if (limit and (due is None or due > limit)) or cw.contact_late(due, first, today):
            uncontacted += 1
            evidence.append(_case(case_id, title, "nocontact"))
        elif first is None and due and 0 <= (due - today).days <= DUE_VERY_SOON_DAYS:
            soon += 1
    first_contact = Contact.objects.filter(case=OuterRef("case_id"), unit=OuterRef("unit_id"), round=OuterRef("round")).order_by("contacted_on")  # fmt: skip
    replies = list(
        _replies(year).filter(case__kind__contact_required=True)
        .annotate(contacted=Subquery(first_contact.values("contacted_on")[:1]))
        .values_list("case_id", "case__title", "replied_at", "contacted")
    )  # fmt: skip
    blind = [(pk, title) for pk, title, at, contacted in replies if contacted is None or contacted > _day(at)]  # fmt: skip
    evidence += [_case(pk, title, "nocontact") for pk, title in blind]
    if not (total or leads or replies):
        return Verdict(
            Status.NOT_APPLICABLE, _("本年度没有闭会期间提出或交办的建议。"), [], str(year)
        )
    lines = [
        format_lazy(_("闭会期间提出建议 {n} 件，{l} 件未在提交后 {d} 个工作日内审查交办"), n=total, l=late, d=param("casework.assign_workdays")),
        format_lazy(_("交办主办单位 {n} 件，{l} 件未在交办后 {d} 个工作日内联系代表"), n=len(leads), l=uncontacted, d=contact_days),
        format_lazy(_("答复 {n} 件，{l} 件答复前未联系代表"), n=len(replies), l=len(blind)),
    ]  # fmt: skip
    status = _open_status(late + uncontacted + len(blind), soon)
    evidence.sort(key=lambda e: e.status == "soon")
    return _verdict(status, lines, evidence, year)


@check("§1.11", "suggestions")
def signed_replies(year, today) -> Verdict:
    """Replies signed by the unit's head; every confirmed co-signer a requester, so each gets the reply."""
    replies = Reply.objects.filter(case__suggestion__isnull=False, replied_at__year=year)
    unsigned = list(replies.filter(signed_by_name__regex=r"^\s*$").order_by("id").values_list("case_id", "case__title")[:LIMIT])  # fmt: skip
    n_unsigned = replies.filter(signed_by_name__regex=r"^\s*$").count() if unsigned else 0
    requesters = CaseRequester.objects.filter(case_id=OuterRef(OuterRef("case_id"))).values(
        "person_id"
    )
    left_out = CoSigner.objects.filter(suggestion=OuterRef("pk"), confirmed_at__isnull=False).exclude(deputy__person_id__in=requesters)  # fmt: skip
    lead_in = CaseRequester.objects.filter(case_id=OuterRef("case_id"), person_id=OuterRef("lead_deputy__person_id"), is_lead=True)  # fmt: skip
    assigned = Suggestion.objects.filter(status=S.ASSIGNED, case__assigned_at__year=year)
    missing = assigned.filter(Exists(left_out) | ~Exists(lead_in))
    n_assigned, n_replies = assigned.count(), replies.count()
    if not (n_assigned or n_replies):
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有交办或答复的代表建议。"), [], str(year))
    n_missing = missing.count()
    lines = [
        format_lazy(_("答复 {n} 件，{u} 件未记录签发的主要负责人"), n=n_replies, u=n_unsigned) if n_unsigned
        else format_lazy(_("答复 {n} 件，均由承办单位主要负责人签发"), n=n_replies),
        format_lazy(_("交办建议 {n} 件，{m} 件有领衔或联名代表未列为答复对象"), n=n_assigned, m=n_missing) if n_missing
        else format_lazy(_("交办建议 {n} 件，领衔和联名代表均列为答复对象，每人一份答复函"), n=n_assigned),
    ]  # fmt: skip
    evidence = [_case(pk, title, "unsigned") for pk, title in unsigned]
    evidence += [_suggestion(pk, title, "wrong") for pk, title in missing.order_by("id").values_list("pk", "title")[:LIMIT]]  # fmt: skip
    return _verdict(Status.BROKEN if n_unsigned or n_missing else Status.MET, lines, evidence, year)


@check("§1.12", "suggestions")
def result_classes(year, today) -> Verdict:
    """Replies classed A/B/C/D by the kind's classes; the classes that need it get a follow-up reply."""
    kind = CaseKind.objects.filter(code=KIND_CODE).first()
    replies = _replies(year)
    counts = dict(replies.values_list("result_class").annotate(n=Count("id")).order_by())
    if kind is None or not counts:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有答复的代表建议。"), [], str(year))
    classes, follow = set(kind.result_classes or {}), set(kind.follow_up_classes or [])
    invalid = sum(n for c, n in counts.items() if c not in classes)
    last = Reply.objects.filter(case=OuterRef("pk"), is_follow_up=False).order_by("-round", "-replied_at", "-id")  # fmt: skip
    later = Reply.objects.filter(case=OuterRef("pk"), is_follow_up=True, replied_at__gte=OuterRef("last_at"))  # fmt: skip
    waiting = (
        Case.objects.filter(Exists(replies.filter(case=OuterRef("pk"))))
        .annotate(last_class=Subquery(last.values("result_class")[:1]), last_at=Subquery(last.values("replied_at")[:1]))
        .filter(last_class__in=follow)
        .exclude(Exists(later))
    )  # fmt: skip
    n_waiting = waiting.count()
    shares = "、".join(f"{c} {counts[c]}" for c in sorted(counts))
    lines = [format_lazy(_("答复 {n} 件，办理结果分类：{shares}"), n=sum(counts.values()), shares=shares)]  # fmt: skip
    if not {"B", "C"} <= follow:
        lines.append(_("B、C 类未设为须跟踪答复的分类"))
    if invalid:
        lines.append(format_lazy(_("{n} 件分类不在规定的分类之内"), n=invalid))
    lines.append(format_lazy(_("须跟踪答复 {n} 件尚未跟踪答复"), n=n_waiting))
    broken = invalid or not {"B", "C"} <= follow
    status = (
        Status.BROKEN
        if broken
        else Status.AT_RISK
        if n_waiting and year < today.year
        else Status.MET
    )
    evidence = [_case(pk, title, "follow_up") for pk, title in waiting.order_by("id").values_list("pk", "title")[:LIMIT]]  # fmt: skip
    return _verdict(status, lines, evidence, year)


@check("§1.13", "suggestions")
def publication(year, today) -> Verdict:
    """Suggestions and replies public unless withheld with a reason; approved replies shown publicly."""
    assigned = Suggestion.objects.filter(status=S.ASSIGNED, case__assigned_at__year=year)
    s = assigned.aggregate(total=Count("id"), withheld=Count("id", filter=Q(is_public=False)), bare=Count("id", filter=Q(is_public=False, withhold_reason__regex=r"^\s*$")))  # fmt: skip
    r = _replies(year).aggregate(
        total=Count("id"),
        public=Count("id", filter=PUBLIC_REPLY),
        withheld=Count("id", filter=Q(publishable=False)),
        bare=Count("id", filter=Q(publishable=False, withhold_reason__regex=r"^\s*$")),
        awaiting=Count("id", filter=AWAITING_REVIEW),
    )  # fmt: skip
    if not (s["total"] or r["total"]):
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有交办或答复的代表建议。"), [], str(year))
    public = Reply.objects.filter(PUBLIC_REPLY, case=OuterRef("pk"))
    astray = Case.objects.filter(Exists(_replies(year).filter(case=OuterRef("pk")))).annotate(shown=Exists(public)).exclude(published=F("shown"))  # fmt: skip
    n_astray = astray.count()
    lines = [
        format_lazy(_("交办建议 {n} 件，不公开 {w} 件（{b} 件未说明理由）"), n=s["total"], w=s["withheld"], b=s["bare"]),
        format_lazy(_("答复 {n} 件，已公开 {p} 件，不公开 {w} 件（{b} 件未说明理由），待审核公开 {a} 件"), n=r["total"], p=r["public"], w=r["withheld"], b=r["bare"], a=r["awaiting"]),
    ]  # fmt: skip
    if n_astray:
        lines.append(format_lazy(_("{n} 件答复的公开状态与公众网站不一致"), n=n_astray))
    broken = s["bare"] or r["bare"] or n_astray
    status = Status.BROKEN if broken else Status.AT_RISK if r["awaiting"] else Status.MET
    evidence = [_case(pk, title, "wrong") for pk, title in astray.order_by("id").values_list("pk", "title")[:LIMIT]]  # fmt: skip
    evidence += [_suggestion(pk, title, "wrong") for pk, title in assigned.filter(is_public=False, withhold_reason__regex=r"^\s*$").values_list("pk", "title")[:LIMIT]]  # fmt: skip
    evidence.append(Evidence(_("公开的代表建议"), reverse("portal:suggestions")))
    return _verdict(status, lines, evidence, year)


def _rate(value) -> str:
    return "—" if value is None else f"{value}%"


@check("§1.14", "suggestions")
def evaluation(year, today) -> Verdict:
    """The year's reply, satisfaction and solved rates, all three computable once the year is over."""
    figures = stats.totals(today=today, queryset=Suggestion.objects.filter(submitted_at__year=year))
    if not figures.total:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有提出代表建议。"), [], str(year))
    lines = [
        format_lazy(
            _("建议 {n} 件：办复率 {r}，满意率 {s}（评价 {rated} 件，逾期评价不计），解决率 {v}"),
            n=figures.total, r=_rate(figures.reply_rate), s=_rate(figures.satisfaction_rate),
            rated=figures.rated, v=_rate(figures.solved_rate),
        )
    ]  # fmt: skip
    missing = None in (figures.reply_rate, figures.satisfaction_rate, figures.solved_rate)
    if missing:
        lines.append(_("尚缺交办、答复或代表评价，不能得出全部三项指标"))
        status = Status.BROKEN if year < today.year else Status.NOT_DUE
    else:
        status = Status.MET
    return _verdict(status, lines, [Evidence(_("办理统计"), reverse("suggestions:statistics"))], year)  # fmt: skip


@check("S27", "suggestions")
def handling(year, today) -> Verdict:
    """Screening and assignment, re-handling after a verified dissatisfaction, key suggestions led
    by council members and replies signed by the unit head: the parts' verdicts together."""
    parts = [
        shared(("suggestions", code, year, today), lambda fn=fn: fn(year, today))
        for code, fn in (("§1.5", screening), ("§1.1", intake), ("§1.6", rehandling), ("§1.4", key_suggestions), ("§1.11", signed_replies))
    ]  # fmt: skip
    pending = Case.objects.filter(suggestion__isnull=False, status=Case.Status.DISSATISFIED).count()
    lines = [p.summary for p in parts if p.status != Status.NOT_APPLICABLE]
    if pending:
        lines.append(format_lazy(_("{n} 件不满意意见待代表工作机构核实"), n=pending))
    if not lines:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有提出或交办的代表建议。"), [], str(year))
    evidence = [e for p in parts for e in p.evidence]
    return _verdict(worst(*(p.status for p in parts)), lines, evidence, year)
