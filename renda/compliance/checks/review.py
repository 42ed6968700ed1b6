"""Filing review (§5.1, §5.3–§5.11), major-matter decisions (§6.1, §6.3–§6.5) and the public
site's news column (S4).

Filing review reads the filings app's own records: the filings (filing, formal check, return
and correction dates, transfers, revocations), the reviews with their routing, committee
views and checklists, the review suggestions, the correction cases of the casework engine with
the reports after amending, the catalogue reminders and the annual report; the past late
corrections come from the audit trail of ``filings.filing.corrected``. Major matters read the
matters, their decisions and polls, their materials against the meeting dates
(``decisions.selectors.matter_deadlines``) and the opinion cases. S4 reads the portal's
published news and notices.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.fields.json import KeyTextTransform
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.casework import selectors as cw
from renda.casework.deadlines import DUE_SOON_DAYS, DUE_VERY_SOON_DAYS
from renda.casework.models import Case
from renda.core import workdays
from renda.core.models import AuditEvent
from renda.core.statute import param
from renda.decisions import selectors as ds
from renda.decisions import workflow as dw
from renda.decisions.models import Decision, Matter
from renda.filings import selectors as fsel
from renda.filings import services as fs
from renda.filings.models import (
    CHECKLIST_KEYS,
    AnnualReport,
    CatalogueReminder,
    CommitteeView,
    Filing,
    Review,
    ReviewItem,
    ReviewSuggestion,
)
from renda.meetings.models import Meeting, MeetingDocument
from renda.meetings.selectors import LATE, MISSING, WAITING
from renda.people.models import Jurisdiction, Organization
from renda.portal.models import NewsItem

from ..registry import Evidence, Status, Verdict, check

FS = Filing.Status
RS = ReviewSuggestion.Status
OUT = ReviewItem.Outcome
MS = Matter.Status


def _filing(f, status: str = "") -> Evidence:
    return Evidence(f.title, reverse("filings:detail", args=[f.pk]), status)


def _review(r, status: str = "") -> Evidence:
    return Evidence(r.title, reverse("filings:review", args=[r.pk]), status)


def _matter(m, status: str = "") -> Evidence:
    return Evidence(m.title, reverse("decisions:matter_detail", args=[m.pk]), status)


def _none(year: int, summary) -> Verdict:
    return Verdict(Status.NOT_APPLICABLE, summary, [], str(year))


# -- filing review (§5) ---------------------------------------------------------------------------


@check("§5.1", "filings")
def rules_filed(year, today) -> Verdict:
    """The city government's rules (规章) filed within the filing days; a county makes none."""
    level = Jurisdiction.objects.values_list("level", flat=True).order_by("id").first()
    if level == Jurisdiction.Level.COUNTY:
        return _none(year, _("县级人大及其常委会、县级人民政府不制定地方性法规和政府规章，本条不适用。"))  # fmt: skip
    filed = Filing.objects.filter(filed_at__year=year, enacting_body__kind=Organization.Kind.GOVERNMENT)  # fmt: skip
    total = filed.count()
    if not total:
        return _none(year, _("本年度市人民政府没有报送备案的规章或文件；本市地方性法规由省级人大常委会报送备案（立法法第109条）。"))  # fmt: skip
    late = list(filed.filter(is_late=True).order_by("filed_at")[:50])
    summary = format_lazy(
        _("市人民政府报送备案 {n} 件（政府规章均由其报送），公布后 {days} 日内未报送的 {late} 件；本市地方性法规由省级人大常委会报送备案"),
        n=total, days=param("filings.filing_days"), late=filed.filter(is_late=True).count(),
    )  # fmt: skip
    return Verdict(Status.BROKEN if late else Status.MET, summary, [_filing(f, "late") for f in late], str(year))  # fmt: skip


@check("§5.3", "filings")
def revocations(year, today) -> Verdict:
    """Every document revoked has its passed SC vote, and every recorded result is its sealed poll's."""
    proposals = ReviewItem.objects.filter(outcome=OUT.REVOCATION).filter(Q(decided_at__year=year) | Q(revocation_recorded_at__year=year))  # fmt: skip
    voted = ReviewItem.objects.filter(filing=OuterRef("pk"), outcome=OUT.REVOCATION, revocation_result="passed", poll__seal__tally__result="passed")  # fmt: skip
    unvoted = list(Filing.objects.filter(status=FS.REVOKED, revoked_at__year=year).exclude(Exists(voted))[:50])  # fmt: skip
    # The sealed result as text (a JSON value compared with a text column needs it on PostgreSQL).
    mismatched = list(
        proposals.exclude(revocation_result="").annotate(sealed=KeyTextTransform("result", "poll__seal__tally")).filter(
            Q(poll__isnull=True) | Q(poll__seal__isnull=True) | Q(sealed__isnull=True) | ~Q(sealed=F("revocation_result"))
        ).select_related("filing")[:50]
    )  # fmt: skip
    counts = {r: proposals.filter(revocation_result=r).count() for r in ("passed", "failed", "")}
    total = sum(counts.values())
    if not total and not unvoted:
        return _none(year, _("本年度没有提请常委会撤销的规范性文件。"))
    summary = format_lazy(
        _("提请常委会撤销 {n} 件：表决通过撤销 {passed} 件，未通过 {failed} 件，待表决 {pending} 件；未经常委会表决而撤销或结果与封存表决不符的 {bad} 件"),
        n=total, passed=counts["passed"], failed=counts["failed"], pending=counts[""], bad=len(unvoted) + len(mismatched),
    )  # fmt: skip
    evidence = [_filing(f, "unvoted") for f in unvoted] + [_filing(i.filing, "mismatch") for i in mismatched]  # fmt: skip
    status = Status.BROKEN if unvoted or mismatched else Status.MET
    return Verdict(status, summary, evidence, str(year))


@check("§5.4", "filings")
def formal_check(year, today) -> Verdict:
    """The formal check within its days of receipt, and a returned filing corrected within its days."""
    filed = Filing.objects.filter(filed_at__year=year)
    total = filed.count()
    if not total:
        return _none(year, _("本年度没有报送备案的文件。"))
    waiting = filed.filter(status=FS.SUBMITTED, formal_check_due_on__lt=today)
    soon = filed.filter(status=FS.SUBMITTED, formal_check_due_on__gte=today, formal_check_due_on__lte=today + dt.timedelta(days=DUE_VERY_SOON_DAYS))  # fmt: skip
    checked_late = filed.filter(
        Q(registered_at__isnull=False, registered_at__date__gt=F("formal_check_due_on"))
        | Q(status=FS.RETURNED, returned_at__date__gt=F("formal_check_due_on"))
    )  # fmt: skip
    uncorrected = filed.filter(status=FS.RETURNED, correction_due_on__lt=today)
    corrected_late = AuditEvent.objects.filter(action="filings.filing.corrected", created_at__year=year, changes__late_correction=True)  # fmt: skip
    n_wait, n_late, n_unc, n_corr = waiting.count(), checked_late.count(), uncorrected.count(), corrected_late.count()  # fmt: skip
    summary = format_lazy(
        _("报送备案 {n} 件：超过 {days} 日未作形式审查 {wait} 件，形式审查逾期 {late} 件；退回后超过 {cdays} 日未补正 {unc} 件，逾期补正 {corr} 件"),
        n=total, days=param("filings.formal_check_days"), wait=n_wait, late=n_late,
        cdays=param("filings.correction_days"), unc=n_unc, corr=n_corr,
    )  # fmt: skip
    if n_wait or n_late or n_unc or n_corr:
        status = Status.BROKEN
    else:
        status = Status.AT_RISK if soon.exists() else Status.MET
    evidence = [Evidence(_("待形式审查"), reverse("filings:intake"))]
    evidence += [_filing(f, "overdue") for f in waiting.order_by("formal_check_due_on")[:20]]
    evidence += [_filing(f, "late") for f in checked_late.order_by("filed_at")[:15]]
    evidence += [_filing(f, "uncorrected") for f in uncorrected.order_by("correction_due_on")[:15]]
    return Verdict(status, summary, evidence, str(year))


@check("§5.5", "filings")
def active_review(year, today) -> Verdict:
    """Every registered document reviewed; each review routed, answered by committees and
    concluded within its days (extended once, with a leader's approval)."""
    active = ReviewItem.objects.filter(filing=OuterRef("pk"), review__kind=Review.Kind.ACTIVE)
    unreviewed = list(Filing.objects.filter(registered_at__year=year).exclude(Exists(active)).order_by("registered_at")[:20])  # fmt: skip
    reviews = Review.objects.filter(started_on__year=year)
    total = reviews.count()
    if not total and not unreviewed:
        return _none(year, _("本年度没有登记备案的文件，也没有开始的审查。"))
    overdue = fsel.overdue_reviews(today).filter(started_on__year=year)
    concluded_late = reviews.filter(
        status=Review.Status.CONCLUDED, concluded_at__date__gt=F("due_on")
    )
    unapproved = reviews.filter(extended=True, extension_approved_by__isnull=True)
    routed_late = reviews.filter(
        Q(routed_at__isnull=True, status=Review.Status.OPEN, route_due_on__lt=today)
        | Q(routed_at__isnull=False, routed_at__date__gt=F("route_due_on"))
    )  # fmt: skip
    views_late = CommitteeView.objects.filter(review__started_on__year=year).filter(
        Q(submitted_at__isnull=True, due_on__lt=today) | Q(submitted_at__isnull=False, submitted_at__date__gt=F("due_on"))
    )  # fmt: skip
    soon = fsel.reviews_open().filter(started_on__year=year, due_on__gte=today, due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS))  # fmt: skip
    n = {
        "over": overdue.count(), "late": concluded_late.count(), "ext": unapproved.count(),
        "route": routed_late.count(), "views": views_late.count(),
    }  # fmt: skip
    summary = format_lazy(
        _("本年度开始审查 {n} 件（期限 {months} 个月，可延长 {ext_months} 个月）：逾期未完成 {over} 件，逾期完成 {late} 件，延长未经批准 {ext} 件；逾期分送 {route} 件，委员会逾期提出书面意见 {views} 件；登记后未开始主动审查的文件 {missing} 件"),
        n=total, months=param("filings.review_months"), ext_months=param("filings.review_extension_months"),
        missing=len(unreviewed), **n,
    )  # fmt: skip
    if unreviewed or any(n.values()):
        status = Status.BROKEN
    else:
        status = Status.AT_RISK if soon.exists() else Status.MET
    evidence = [Evidence(_("审查"), reverse("filings:reviews"))] + [_filing(f, "unreviewed") for f in unreviewed]  # fmt: skip
    late_ids = Q(pk__in=overdue.values("pk")) | Q(pk__in=concluded_late.values("pk")) | Q(pk__in=unapproved.values("pk")) | Q(pk__in=routed_late.values("pk"))  # fmt: skip
    flagged = Review.objects.filter(late_ids).order_by("due_on", "id")
    evidence += [_review(r, "late") for r in flagged[:25]]
    evidence += [_review(v.review, "view_late") for v in views_late.select_related("review")[:5]]
    return Verdict(status, summary, evidence, str(year))


@check("§5.6", "filings")
def review_standards(year, today) -> Verdict:
    """Each document whose review has an outcome was checked against every §5.6 standard."""
    rows = list(
        ReviewItem.objects.filter(decided_at__year=year).exclude(outcome="")
        .values_list("pk", "checklist", "review_id", "review__title")
    )  # fmt: skip
    if not rows:
        return _none(year, _("本年度没有作出审查结论的文件。"))
    incomplete = [(pk, rid, title) for pk, checklist, rid, title in rows if any(not (checklist or {}).get(k, {}).get("answer") for k in CHECKLIST_KEYS)]  # fmt: skip
    summary = format_lazy(
        _("作出审查结论的文件 {n} 件，其中 {bad} 件未逐项核对全部 {k} 项审查标准"),
        n=len(rows), bad=len(incomplete), k=len(CHECKLIST_KEYS),
    )  # fmt: skip
    evidence = [Evidence(title, reverse("filings:review", args=[rid]), "incomplete") for _pk, rid, title in incomplete[:50]]  # fmt: skip
    return Verdict(Status.BROKEN if incomplete else Status.MET, summary, evidence, str(year))


@check("§5.7", "filings")
def review_suggestions(year, today) -> Verdict:
    """Suggestions from the public: completion asked in time, decided in time, feedback after review."""
    sug = ReviewSuggestion.objects.filter(received_at__year=year)
    total = sug.count()
    if not total:
        return _none(year, _("本年度没有收到公民、组织提出的审查建议。"))
    ask_late = sug.filter(completeness_requested_at__date__gt=F("completeness_due_on"))
    decided_late = sug.filter(decided_at__isnull=False, decided_at__date__gt=F("decision_due_on"))
    undecided = sug.filter(status=RS.RECEIVED, decision_due_on__lt=today)
    open_review = Review.objects.filter(suggestion=OuterRef("pk"), status=Review.Status.OPEN)
    any_review = Review.objects.filter(suggestion=OuterRef("pk"))
    no_feedback = sug.filter(Exists(any_review), status=RS.UNDER_REVIEW).exclude(
        Exists(open_review)
    )
    soon = sug.filter(status=RS.RECEIVED, decision_due_on__gte=today, decision_due_on__lte=today + dt.timedelta(days=DUE_VERY_SOON_DAYS))  # fmt: skip
    n = {"ask": ask_late.count(), "late": decided_late.count(), "undecided": undecided.count(), "feedback": no_feedback.count()}  # fmt: skip
    summary = format_lazy(
        _("收到审查建议 {n} 件：逾期告知补充材料 {ask} 件，逾期决定是否审查 {late} 件，超过期限尚未决定 {undecided} 件；审查完成尚未反馈建议人 {feedback} 件"),
        n=total, **n,
    )  # fmt: skip
    if n["ask"] or n["late"] or n["undecided"]:
        status = Status.BROKEN
    else:
        status = Status.AT_RISK if n["feedback"] or soon.exists() else Status.MET
    flagged = (
        (ask_late | decided_late | undecided | no_feedback).distinct().order_by("received_at", "id")
    )
    evidence = [Evidence(_("审查建议"), reverse("filings:suggestions"))]
    evidence += [Evidence(s.document_reference, reverse("filings:suggestion", args=[s.pk]), s.status) for s in flagged[:40]]  # fmt: skip
    return Verdict(status, summary, evidence, str(year))


@check("§5.8", "filings")
def corrections(year, today) -> Verdict:
    """Correction requests answered by the enacting body in time; reports after amending in time."""
    items = ReviewItem.objects.filter(outcome=OUT.CORRECTION, decided_at__year=year)
    cases = Case.objects.filter(filing_review_item__in=items)
    reports = ReviewItem.objects.filter(amend_report_due_on__year=year)
    n_items, n_reports = items.count(), reports.count()
    if not n_items and not n_reports:
        return _none(year, _("本年度没有提出纠正意见，也没有到期的修改后报告。"))
    overdue = list(cw.overdue(cases, today).order_by("due_on")[:20])
    answered_late = list(
        cases.filter(replied_at__isnull=False, replied_at__date__gt=F("due_on"))[:20]
    )
    late_reports = reports.filter(
        Q(amend_reported_at__isnull=True, amend_report_due_on__lt=today)
        | Q(amend_reported_at__isnull=False, amend_reported_at__date__gt=F("amend_report_due_on"))
    )  # fmt: skip
    n_late_reports = late_reports.count()
    basis = param("filings.correction_answer_basis")
    period = (
        format_lazy(_("{n} 个月"), n=param("filings.correction_answer_months_national"))
        if basis == "national"
        else format_lazy(_("{n} 日"), n=param("filings.correction_answer_days_local"))
    )  # fmt: skip
    summary = format_lazy(
        _("提出纠正意见 {n} 件（制定机关应在 {period} 内答复）：逾期未答复 {over} 件，逾期答复 {late} 件；修改后报告到期 {reports} 件，逾期 {late_reports} 件"),
        n=n_items, period=period, over=cw.overdue(cases, today).count(), late=cases.filter(replied_at__date__gt=F("due_on")).count(),
        reports=n_reports, late_reports=n_late_reports,
    )  # fmt: skip
    soon = cw.due_within(cases, today, DUE_VERY_SOON_DAYS).exists() or reports.filter(amend_reported_at__isnull=True, amend_report_due_on__gte=today, amend_report_due_on__lte=today + dt.timedelta(days=DUE_VERY_SOON_DAYS)).exists()  # fmt: skip
    if overdue or answered_late or n_late_reports:
        status = Status.BROKEN
    else:
        status = Status.AT_RISK if soon else Status.MET
    evidence = [Evidence(_("修改后报告"), reverse("filings:amend_reports"))]
    evidence += [
        Evidence(c.title, reverse("casework:detail", args=[c.pk]), "overdue") for c in overdue
    ]
    evidence += [
        Evidence(c.title, reverse("casework:detail", args=[c.pk]), "late") for c in answered_late
    ]
    evidence += [
        _review(i.review, "report_late") for i in late_reports.select_related("review")[:10]
    ]
    return Verdict(status, summary, evidence, str(year))


@check("§5.9", "filings")
def catalogues(year, today) -> Verdict:
    """Each enacting body reminded of its catalogue of the year before, due this year; received in time."""
    due = fs.catalogue_due_on(year - 1)
    bodies = fs.enacting_bodies()
    n_bodies = bodies.count()
    if not n_bodies:
        return _none(year, _("没有向本级人大常委会报送备案的制定机关。"))
    reminders = CatalogueReminder.objects.filter(year=year - 1)
    unreminded = list(bodies.exclude(pk__in=reminders.values("body_id")).order_by("sort_order", "id")[:30])  # fmt: skip
    n_unreminded = bodies.exclude(pk__in=reminders.values("body_id")).count()
    reminded_late = reminders.filter(sent_at__date__gt=F("due_on")).count()
    received = reminders.filter(received_on__isnull=False).count()
    received_late = list(reminders.filter(received_on__gt=F("due_on")).select_related("body")[:20])
    summary = format_lazy(
        _("{prev}年度文件目录应于{due}前报送：制定机关 {n} 个，未发提醒 {missing} 个，提醒晚于期限 {late_reminders} 个；登记收到目录 {received} 份，逾期报送 {late} 份"),
        prev=year - 1, due=due.isoformat(), n=n_bodies, missing=n_unreminded, late_reminders=reminded_late,
        received=received, late=len(received_late),
    )  # fmt: skip
    if received_late or reminded_late or (n_unreminded and today > due):
        status = Status.BROKEN
    elif n_unreminded:
        status = Status.AT_RISK
    else:
        status = Status.MET
    evidence = [Evidence(_("年度工作"), reverse("filings:annual"))]
    evidence += [Evidence(b.name, "", "unreminded") for b in unreminded]
    evidence += [Evidence(r.body.name, "", "late") for r in received_late]
    return Verdict(status, summary, evidence, str(year))


@check("§5.10", "filings")
def annual_report(year, today) -> Verdict:
    """The annual filing-review report published during the year (its upward due day shown)."""
    report = AnnualReport.objects.filter(published_at__year=year).order_by("published_at").first()
    link = [Evidence(_("年度工作"), reverse("filings:annual"))]
    if report is not None:
        summary = format_lazy(
            _("{y}年度备案审查工作报告已于{day}公布，应于{due}前向上一级人大常委会报告"),
            y=report.year, day=timezone.localdate(report.published_at).isoformat(),
            due=report.upward_due_on.isoformat() if report.upward_due_on else "—",
        )  # fmt: skip
        return Verdict(Status.MET, summary, link, str(year))
    end = dt.date(year, 12, 31)
    if today > end:
        return Verdict(Status.BROKEN, format_lazy(_("{y}年内没有公布备案审查工作报告。"), y=year), link, str(year))  # fmt: skip
    draft = AnnualReport.objects.filter(year__in=(year - 1, year)).exists()
    status = Status.AT_RISK if (end - today).days <= DUE_SOON_DAYS else Status.NOT_DUE
    summary = _("年度备案审查工作报告已起草，尚未公布。") if draft else _("年度备案审查工作报告尚未起草。")  # fmt: skip
    return Verdict(status, summary, link, str(year))


@check("§5.11", "filings")
def transfers(year, today) -> Verdict:
    """Documents and suggestions outside this jurisdiction transferred within the transfer days."""
    filings = fsel.transfers_with_due(year)
    late_filings = [f for f, due in filings if timezone.localdate(f.transferred_at) > due]
    sug = ReviewSuggestion.objects.filter(status=RS.TRANSFERRED, decided_at__year=year)
    n_sug = sug.count()
    late_sug = list(sug.filter(decided_at__date__gt=F("transfer_due_on"))[:20])
    items = ReviewItem.objects.filter(outcome=OUT.TRANSFERRED, decided_at__year=year).count()
    if not filings and not n_sug and not items:
        return _none(year, _("本年度没有移送其他机关的文件或审查建议。"))
    summary = format_lazy(
        _("移送有关机关：备案文件 {f} 件（逾期 {lf} 件），审查建议 {s} 件（逾期 {ls} 件），审查后移送 {i} 件；期限 {days} 日"),
        f=len(filings), lf=len(late_filings), s=n_sug, ls=len(late_sug), i=items, days=param("filings.transfer_days"),
    )  # fmt: skip
    evidence = [_filing(f, "late") for f in late_filings[:30]]
    evidence += [Evidence(s.document_reference, reverse("filings:suggestion", args=[s.pk]), "late") for s in late_sug]  # fmt: skip
    return Verdict(Status.BROKEN if late_filings or late_sug else Status.MET, summary, evidence, str(year))  # fmt: skip


# -- major matters (§6) ------------------------------------------------------------------------


def _heard(year: int, today: dt.date):
    """Matters on the agenda of an SC meeting of ``year`` that has ended."""
    ended = Q(agenda_item__meeting__status=Meeting.Status.CLOSED) | Q(
        agenda_item__meeting__ends_on__lt=today
    )
    return Matter.objects.filter(agenda_item__meeting__starts_on__year=year).filter(ended)


@check("§6.1", "decisions")
def matters_decided(year, today) -> Verdict:
    """Each matter discussed ends in a decision or resolution by vote, or is heard with its
    opinions sent for handling and the handling reported back."""
    heard = _heard(year, today)
    total = heard.count()
    if not total:
        return _none(year, _("本年度常委会会议没有讨论重大事项。"))
    undecided = list(heard.filter(status=MS.SCHEDULED).order_by("id")[:30])
    adopted = Decision.objects.filter(matter=OuterRef("pk"), status__in=(Decision.Status.ADOPTED, Decision.Status.PUBLISHED), poll__seal__isnull=False)  # fmt: skip
    unvoted = list(heard.filter(status=MS.DECIDED).exclude(Exists(adopted))[:20])
    decided = heard.filter(status__in=(MS.DECIDED, MS.REJECTED)).count()
    concluded = heard.filter(status=MS.CONCLUDED)
    sent = concluded.filter(case__isnull=False)
    reported = sent.filter(case__replied_at__isnull=False).count()
    summary = format_lazy(
        _("常委会会议讨论重大事项 {n} 项：表决作出决定、决议 {decided} 项，听取审议 {heard} 项（审议意见交办 {sent} 项，已报告办理情况 {reported} 项）；会议结束仍未决定或审议 {open} 项，登记为已决定却无通过的表决 {unvoted} 项"),
        n=total, decided=decided, heard=concluded.count(), sent=sent.count(), reported=reported,
        open=heard.filter(status=MS.SCHEDULED).count(), unvoted=len(unvoted),
    )  # fmt: skip
    status = Status.BROKEN if undecided or unvoted else Status.MET
    evidence = [_matter(m, "undecided") for m in undecided] + [
        _matter(m, "unvoted") for m in unvoted
    ]
    return Verdict(status, summary, evidence, str(year))


@check("§6.3", "decisions")
def lead_time(year, today) -> Verdict:
    """The motion or report of each matter of the year's SC meetings arrived its days before."""
    matters = list(
        Matter.objects.filter(agenda_item__meeting__starts_on__year=year)
        .select_related("agenda_item__meeting").prefetch_related("materials").order_by("id")
    )  # fmt: skip
    if not matters:
        return _none(year, _("本年度没有提请常委会会议的重大事项。"))
    documents: dict[int, list] = {}
    for d in MeetingDocument.objects.filter(item_id__in=[m.agenda_item_id for m in matters]):
        documents.setdefault(d.item_id, []).append(d)
    leads = ds.lead_times()
    late, waiting = [], []
    for m in matters:
        for row in ds.matter_deadlines(m, today, documents=documents.get(m.agenda_item_id, []), leads=leads):  # fmt: skip
            if row.state in (LATE, MISSING):
                late.append(m)
            elif row.state == WAITING and (row.due - today).days <= DUE_VERY_SOON_DAYS:
                waiting.append(m)
    summary = format_lazy(
        _("提请常委会会议的重大事项 {n} 项（议案提前 {motion} 日、报告提前 {report} 日送达）：未按时送达 {late} 项"),
        n=len(matters), motion=leads["lead.major_matter_motion_days"], report=leads["decisions.lead.report_days"], late=len(late),
    )  # fmt: skip
    status = Status.BROKEN if late else Status.AT_RISK if waiting else Status.MET
    evidence = [_matter(m, "late") for m in late[:40]] + [
        _matter(m, "waiting") for m in waiting[:10]
    ]
    return Verdict(status, summary, evidence, str(year))


@check("§6.4", "decisions")
def prior_reports(year, today) -> Verdict:
    """The year's prior reports (事前报告) on major government decisions heard by their planned quarter."""
    rows = Matter.objects.filter(year=year, kind=Matter.Kind.PRIOR_REPORT).exclude(
        status=MS.WITHDRAWN
    )
    total = rows.count()
    if not total:
        return _none(year, _("本年度没有政府重大决策出台前向常委会报告的事项。"))
    overdue = list(ds.overdue_matters(rows, today)[:50])
    heard = rows.filter(status__in=(MS.CONCLUDED, MS.DECIDED, MS.REJECTED)).count()
    pending = [m for m in rows.filter(status=MS.LISTED) if m.quarter_end and 0 <= (m.quarter_end - today).days <= DUE_SOON_DAYS]  # fmt: skip
    summary = format_lazy(
        _("重大决策出台前报告 {n} 项：已向常委会报告 {heard} 项，计划季度结束仍未报告 {late} 项"),
        n=total, heard=heard, late=len(overdue),
    )  # fmt: skip
    status = Status.BROKEN if overdue else Status.AT_RISK if pending else Status.MET
    evidence = [_matter(m, "overdue") for m in overdue] + [
        _matter(m, "due_soon") for m in pending[:10]
    ]
    return Verdict(status, summary, evidence, str(year))


@check("§6.5", "decisions")
def opinions_handled(year, today) -> Verdict:
    """Opinions on major-matter reports handled and reported back within the months, at most the maximum."""
    cases = Case.objects.filter(major_matter__kind__in=dw.REPORT_KINDS, assigned_at__year=year)
    rows = list(cases.values_list("pk", "title", "assigned_at", "due_on", "replied_at"))
    if not rows:
        return _none(year, _("本年度没有交办的重大事项审议意见。"))
    longest = param("decisions.opinion_max_months")
    overdue = set(cw.overdue(cases, today).values_list("pk", flat=True))
    late = {
        pk
        for pk, _t, _a, due, replied in rows
        if replied and due and timezone.localdate(replied) > due
    }
    too_long = {pk for pk, _t, assigned, due, _r in rows if assigned and due and due > workdays.add_months(timezone.localdate(assigned), longest)}  # fmt: skip
    soon = cw.due_within(cases, today, DUE_SOON_DAYS).exists()
    summary = format_lazy(
        _("交办审议意见 {n} 件（{months} 个月内办理并报告，最长 {longest} 个月）：已报告 {replied} 件，逾期未报告 {over} 件，逾期报告 {late} 件，期限超过最长期限 {long} 件"),
        n=len(rows), months=param("decisions.opinion_reply_months"), longest=longest,
        replied=sum(1 for r in rows if r[4]), over=len(overdue), late=len(late), long=len(too_long),
    )  # fmt: skip
    flagged = overdue | late | too_long
    status = Status.BROKEN if flagged else Status.AT_RISK if soon else Status.MET
    evidence = [Evidence(title, reverse("casework:detail", args=[pk]), "late" if pk in flagged else "") for pk, title, *_rest in rows[:50]]  # fmt: skip
    return Verdict(status, summary, evidence, str(year))


# -- the public site (S4) ------------------------------------------------------------------------


@check("S4", "organization")
def news_column(year, today) -> Verdict:
    """The public site's news column publishes the congress's news and notices during the year."""
    items = NewsItem.objects.filter(status=NewsItem.Status.PUBLISHED, published_at__year=year)
    news, notices = items.filter(kind=NewsItem.Kind.NEWS).count(), items.filter(kind=NewsItem.Kind.NOTICE).count()  # fmt: skip
    latest = list(items.order_by("-published_at", "-id")[:10])
    evidence = [Evidence(_("新闻公告"), reverse("portal:news"))]
    evidence += [Evidence(i.title, reverse("portal:news_detail", args=[i.pk])) for i in latest]
    if latest:
        summary = format_lazy(
            _("人大网站新闻公告栏目本年度发布新闻 {news} 条、公告 {notices} 条，最近一次发布于{day}"),
            news=news, notices=notices, day=timezone.localdate(latest[0].published_at).isoformat(),
        )  # fmt: skip
        return Verdict(Status.MET, summary, evidence, str(year))
    status = Status.BROKEN if today > dt.date(year, 12, 31) else Status.AT_RISK
    return Verdict(status, _("人大网站新闻公告栏目本年度没有发布新闻或公告。"), evidence, str(year))
