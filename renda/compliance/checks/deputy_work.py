"""Deputies' qualification and duty work (S19, S22, S25, §2.2, §2.3, §2.4, §2.7, §2.8, §2.9,
§2.11), read from the deputies' own records.

- S19: the by-elections (补选) and their credentials reviews; every deputy who entered during
  the term holds a confirmed review, adopted by the standing committee's vote.
- S22, §2.2: the unapproved absences from the term's congress sessions (counted as the
  absence evidence counts them) against ``deputy.unapproved_absence_limit``, the matters of
  qualification raised for them; S22 adds the resignations decided and every mandate ended in
  the year backed by its procedure (accepted resignation, announced termination, recall).
- §2.3: suspensions and the mandates' status agree; a suspension whose condition ended is
  restored.
- §2.4: the duty records (compiled from the records and published for every seated deputy) and
  the activities deputies submitted, reviewed by the office.
- S25: open liaison stations and their reception days, voters' letters and the forwarded ones
  answered within ``deputy.forwarded_letter_reply_days`` (their casework deadlines).
- §2.8: the year's deputy-work plan, adopted by the chairpersons' council and published.
- §2.9: each serving deputy's reception days against ``contact.reception_days_per_year``
  (the quarterly 双联系 contacts are S23's, in :mod:`.deputies`).
- §2.11: recalls decided by the constituency's voters with more than the statutory share of
  its electorate and petitioned by at least the statutory number of voters.
- §2.7 is the platform's legal basis, not a duty the data can show.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.casework import selectors as cw
from renda.casework.models import Case
from renda.core.statute import param
from renda.deputies import selectors as ds
from renda.deputies.models import (
    ByElection,
    DutyActivity,
    LiaisonStation,
    QualificationMatter,
    Recall,
    Reception,
    Resignation,
    Suspension,
    VoterMessage,
    WorkPlan,
)
from renda.deputies.services.recalls import petition_threshold, recall_majority
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Organization
from renda.people.selectors import current_term, deputies_public

from ..registry import Evidence, Status, Verdict, check, join, shared, unevaluable, worst, year_end

SEATED = (Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED)
MQ = QualificationMatter.Status
#: A matter that put the absences before the credentials committee (withdrawn ones did not).
HANDLED = (MQ.RAISED, MQ.REPORTED, MQ.ANNOUNCED, MQ.DISMISSED)
LIMIT = 50


def _term(year: int, today: dt.date):
    return current_term(year_end(year, today))


def _no_term(year: int) -> Verdict:
    return Verdict(Status.NOT_EVALUATED, _("尚未设置届次。"), [], str(year))


def _record(deputy: Deputy, status: str = "") -> Evidence:
    return Evidence(deputy.person.name, reverse("deputies:record", args=[deputy.pk]), status)


# -- S19 -----------------------------------------------------------------------------------


@check("S19", "deputies")
def credentials_review(year, today) -> Verdict:
    """Every deputy who entered during the term was confirmed on the credentials committee's
    report, adopted by the standing committee (the by-election's own record)."""
    term = _term(year, today)
    if term is None:
        return _no_term(year)
    B = ByElection.Status
    reviewed = ByElection.objects.filter(deputy=OuterRef("pk"), status=B.CONFIRMED)
    unreviewed = list(
        Deputy.objects.filter(term=term, status__in=SEATED, elected_on__gt=term.start_date)
        .exclude(Exists(reviewed))
        .select_related("person")
        .order_by("elected_on", "id")
    )  # fmt: skip
    rows = list(ByElection.objects.filter(term=term).select_related("person").order_by("-held_on", "-id"))  # fmt: skip
    confirmed = [b for b in rows if b.status == B.CONFIRMED]
    faulty = [b for b in confirmed if b.finding != ByElection.Finding.VALID or (b.tally or {}).get("result") != "passed" or not b.report.strip()]  # fmt: skip
    pending = [b for b in rows if b.status in (B.ELECTED, B.REPORTED, B.VOTING)]
    evidence = [Evidence(_("补选代表"), reverse("deputies:byelections"))]
    evidence += [_record(d, "unreviewed") for d in unreviewed[:LIMIT]]
    evidence += [Evidence(str(b), reverse("deputies:byelection_detail", args=[b.pk]), "faulty" if b in faulty else b.status) for b in rows[:LIMIT]]  # fmt: skip
    basis = _("换届选举产生的代表由上届资格审查委员会审查，平台不保存该次审查记录")
    if not rows and not unreviewed:
        return Verdict(Status.NOT_APPLICABLE, join([_("本届尚无补选代表"), basis]), evidence, str(year))  # fmt: skip
    summary = format_lazy(
        _("本届补选代表 {n} 名经资格审查确认，审查中 {pending} 名；届中当选而无确认记录的代表 {missing} 名，确认记录不全（审查报告、有效结论或常委会表决通过）{faulty} 件"),
        n=len(confirmed), pending=len(pending), missing=len(unreviewed), faulty=len(faulty),
    )  # fmt: skip
    status = Status.BROKEN if unreviewed or faulty else Status.MET
    return Verdict(status, join([summary, basis]), evidence, str(year))


# -- §2.2, S22: absences, resignations, mandates ended --------------------------------------


def _absences(term, today: dt.date) -> dict:
    """The term's deputies at the absence limit, each with the latest matter that put the
    absences before the credentials committee (``matter_id``, ``matter_status``)."""
    limit = int(param("deputy.unapproved_absence_limit"))
    matters = QualificationMatter.objects.filter(deputy=OuterRef("pk"), ground=QualificationMatter.Ground.ABSENCES, status__in=HANDLED).order_by("-id")  # fmt: skip
    rows = list(
        ds.unapproved_absence_counts(term)
        .filter(absences__gte=limit)
        .annotate(matter_id=Subquery(matters.values("id")[:1]), matter_status=Subquery(matters.values("status")[:1]))
        .select_related("person")
        .order_by("person__name", "id")
    )  # fmt: skip
    missing = [d for d in rows if d.matter_id is None and d.status in SEATED]
    sessions = Meeting.objects.filter(
        term=term, kind=Meeting.Kind.CONGRESS_SESSION, starts_on__lte=today
    ).count()
    return {"limit": limit, "rows": rows, "missing": missing, "sessions": sessions}


def _absence_part(year: int, today: dt.date) -> Verdict:
    term = _term(year, today)
    if term is None:
        return _no_term(year)
    found = shared(("deputy_work.absences", term.pk, today), lambda: _absences(term, today))
    rows, missing, limit = found["rows"], found["missing"], found["limit"]
    evidence = [Evidence(_("代表资格事项"), reverse("deputies:matters"))]
    for d in rows[:LIMIT]:
        if d.matter_id:
            evidence.append(Evidence(d.person.name, reverse("deputies:matter_detail", args=[d.matter_id]), d.matter_status))  # fmt: skip
        else:
            evidence.append(_record(d, "missing" if d in missing else d.status))
    if not rows:
        summary = format_lazy(_("本届已举行人代会会议 {s} 次，没有代表未经批准不出席达到 {limit} 次"), s=found["sessions"], limit=limit)  # fmt: skip
        return Verdict(Status.NOT_APPLICABLE, summary, evidence, str(year))
    by = {s: sum(1 for d in rows if d.matter_status == s) for s in HANDLED}
    summary = format_lazy(
        _("本届 {n} 名代表未经批准不出席人代会会议达到 {limit} 次：{missing} 名在任而未提交资格审查，审查中 {open} 名，已公告终止代表资格 {announced} 名，决定不终止 {dismissed} 名"),
        n=len(rows), limit=limit, missing=len(missing), open=by[MQ.RAISED] + by[MQ.REPORTED],
        announced=by[MQ.ANNOUNCED], dismissed=by[MQ.DISMISSED],
    )  # fmt: skip
    return Verdict(Status.BROKEN if missing else Status.MET, summary, evidence, str(year))


@check("§2.2", "deputies")
def absence_limit(year, today) -> Verdict:
    """Every deputy at the unapproved-absence limit has a matter of qualification, raised by
    the platform from the attendance record, or the mandate has ended (代表法 第62、63条)."""
    return _absence_part(year, today)


def _resignations(year: int) -> tuple[list, list, int]:
    """The resignations accepted in ``year``, those whose record does not bear it out, and how
    many still await a decision."""
    R = Resignation.Status
    accepted = list(Resignation.objects.filter(status=R.ACCEPTED, decided_on__year=year).select_related("deputy__person").order_by("decided_on", "id"))  # fmt: skip
    faulty = [
        r for r in accepted
        if r.deputy.status != Deputy.Status.RESIGNED
        or (r.decider == Resignation.Decider.THIS_SC and (r.tally or {}).get("result") != "passed")
        or (r.decider == Resignation.Decider.ELECTING_BODY and not r.decision_document.strip())
    ]  # fmt: skip
    pending = Resignation.objects.filter(status__in=[R.SUBMITTED, R.VOTING], submitted_on__year__lte=year).count()  # fmt: skip
    return accepted, faulty, pending


def _unbacked_endings(year: int) -> list[Deputy]:
    """Mandates ended in ``year`` by resignation, termination or recall without the procedure
    that ends them on record (an accepted resignation, an announced termination, a recall)."""
    S = Deputy.Status
    return list(
        Deputy.objects.filter(status__in=[S.RESIGNED, S.TERMINATED, S.RECALLED], status_date__year=year)
        .annotate(
            resigned=Exists(Resignation.objects.filter(deputy=OuterRef("pk"), status=Resignation.Status.ACCEPTED)),
            announced=Exists(QualificationMatter.objects.filter(deputy=OuterRef("pk"), status=MQ.ANNOUNCED)),
            recalled=Exists(Recall.objects.filter(deputy=OuterRef("pk"), status=Recall.Status.RECALLED)),
        )
        .filter(Q(status=S.RESIGNED, resigned=False) | Q(status=S.TERMINATED, announced=False) | Q(status=S.RECALLED, recalled=False))
        .select_related("person")
        .order_by("status_date", "id")
    )  # fmt: skip


@check("S22", "deputies")
def resignation_and_absences(year, today) -> Verdict:
    """Absences at the limit put before the credentials committee (§2.2), resignations
    decided as their decider requires, and no mandate ended outside its procedure."""
    absences = _absence_part(year, today)
    if absences.status == Status.NOT_EVALUATED:
        return absences
    accepted, faulty, pending = _resignations(year)
    unbacked = _unbacked_endings(year)
    if absences.status == Status.NOT_APPLICABLE and not accepted and not pending and not unbacked:
        return Verdict(Status.NOT_APPLICABLE, join([absences.summary, _("本年度没有代表辞职或终止代表资格")]), absences.evidence, str(year))  # fmt: skip
    lines = [
        absences.summary,
        format_lazy(
            _("本年度接受辞职 {n} 件，决定记录不全 {faulty} 件，待决定 {pending} 件"),
            n=len(accepted),
            faulty=len(faulty),
            pending=pending,
        ),  # fmt: skip
        format_lazy(_("本年度代表职务终止而无辞职、公告或罢免记录的 {n} 名"), n=len(unbacked)),
    ]
    evidence = absences.evidence + [Evidence(_("辞去代表职务"), reverse("deputies:resignations"))]
    evidence += [Evidence(str(r), reverse("deputies:resignation_detail", args=[r.pk]), "faulty" if r in faulty else r.status) for r in accepted[:LIMIT]]  # fmt: skip
    evidence += [_record(d, "unbacked") for d in unbacked[:LIMIT]]
    status = worst(absences.status, Status.BROKEN if faulty or unbacked else Status.MET)
    return Verdict(status, join(lines), evidence, str(year))


# -- §2.3 ----------------------------------------------------------------------------------


@check("§2.3", "deputies")
def suspension(year, today) -> Verdict:
    """Each suspension of the year is reflected in the mandate's status, and duties are
    restored once its condition ended (the daily job restores them on the day)."""
    start, end = dt.date(year, 1, 1), year_end(year, today)
    S = Suspension.Status
    rows = list(
        Suspension.objects.filter(starts_on__lte=end)
        .exclude(status=S.ENDED, restored_on__lt=start)
        .annotate(other_active=Exists(Suspension.objects.filter(deputy=OuterRef("deputy_id"), status=S.ACTIVE).exclude(pk=OuterRef("pk"))))
        .select_related("deputy__person")
        .order_by("starts_on", "id")
    )  # fmt: skip
    term = _term(year, today)
    active = Suspension.objects.filter(deputy=OuterRef("pk"), status=S.ACTIVE)
    orphans = list(Deputy.objects.filter(term=term, status=Deputy.Status.SUSPENDED).exclude(Exists(active)).select_related("person")) if term else []  # fmt: skip
    late, due, unsynced = [], [], []
    for s in rows:
        status = s.deputy.status
        if s.status == S.ACTIVE and s.ends_on and s.ends_on < today:
            late.append(s)
        elif s.status == S.ACTIVE and s.ends_on and s.ends_on == today:
            due.append(s)
        if (s.status == S.ACTIVE and status == Deputy.Status.ACTIVE) or (s.status == S.ENDED and status == Deputy.Status.SUSPENDED and not s.other_active):  # fmt: skip
            unsynced.append(s)
    evidence = [Evidence(_("暂停执行代表职务"), reverse("deputies:suspensions"))]
    flagged = {s.pk: tag for tag, group in (("due", due), ("unsynced", unsynced), ("late", late)) for s in group}  # fmt: skip
    evidence += [Evidence(str(s), reverse("deputies:suspension_detail", args=[s.pk]), flagged.get(s.pk, s.status)) for s in rows[:LIMIT]]  # fmt: skip
    evidence += [_record(d, "unrecorded") for d in orphans[:LIMIT]]
    if not rows and not orphans:
        return Verdict(
            Status.NOT_APPLICABLE, _("本年度没有代表暂停执行代表职务。"), evidence, str(year)
        )
    summary = format_lazy(
        _("本年度暂停执行代表职务 {n} 件：情形消失后未恢复 {late} 件，今日应恢复 {due} 件，与代表状态不一致 {unsynced} 件；状态为暂停而无暂停记录的代表 {orphans} 名"),
        n=len(rows), late=len(late), due=len(due), unsynced=len(unsynced), orphans=len(orphans),
    )  # fmt: skip
    status = Status.BROKEN if late or unsynced or orphans else Status.AT_RISK if due else Status.MET
    return Verdict(status, summary, evidence, str(year))


# -- §2.4 ----------------------------------------------------------------------------------


@check("§2.4", "deputies")
def duty_records(year, today) -> Verdict:
    """The standing committee records duty performance: the records are compiled from the
    meetings, suggestions and supervision and published for every seated deputy; what only the
    deputies report (their activities) is reviewed by the office by the year's end."""
    term = _term(year, today)
    if term is None:
        return _no_term(year)
    seated = deputies_public(term).count()
    evidence = [
        Evidence(_("代表履职档案"), reverse("deputies:records")),
        Evidence(_("履职活动审核"), reverse("deputies:activities")),
        Evidence(_("人大网站代表名录"), reverse("portal:deputies")),
    ]
    if not seated:
        return Verdict(Status.NOT_EVALUATED, _("本届尚无在任代表。"), evidence, str(year))
    A = DutyActivity.Status
    n = DutyActivity.objects.filter(held_on__year=year, held_on__lte=today).aggregate(
        total=Count("id"), accepted=Count("id", filter=Q(status=A.ACCEPTED)),
        pending=Count("id", filter=Q(status=A.SUBMITTED)),
    )  # fmt: skip
    summary = format_lazy(
        _("本届 {seated} 名在任代表的基本情况和履职档案由平台依据会议、建议、监督等记录生成，并在人大网站公开；本年度代表报送履职活动 {total} 项，已审核计入 {accepted} 项，待审核 {pending} 项"),
        seated=seated, **n,
    )  # fmt: skip
    if not n["pending"]:
        status = Status.MET
    elif today > dt.date(year, 12, 31):
        status = Status.BROKEN
    elif (dt.date(year, 12, 31) - today).days <= 31:
        status = Status.AT_RISK
    else:
        status = Status.MET
    return Verdict(status, summary, evidence, str(year))


# -- S25 -----------------------------------------------------------------------------------


@check("S25", "deputies")
def stations_and_letters(year, today) -> Verdict:
    """Open homes and liaison stations receiving voters, the voters' letters handled, and the
    forwarded ones answered by the unit within its deadline (``deputy.forwarded_letter_reply_days``)."""
    end = year_end(year, today)
    stations = LiaisonStation.objects.aggregate(total=Count("id"), active=Count("id", filter=Q(active=True)))  # fmt: skip
    received = Reception.objects.filter(status=Reception.Status.HELD, on_date__year=year, on_date__lte=end).count()  # fmt: skip
    letters = VoterMessage.objects.filter(received_at__date__year=year).aggregate(
        n=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)),
        open=Count("id", filter=Q(status__in=[VoterMessage.Status.RECEIVED, VoterMessage.Status.ACKNOWLEDGED])),
        forwarded=Count("id", filter=Q(case__isnull=False)), published=Count("id", filter=Q(published_at__isnull=False)),
    )  # fmt: skip
    forwarded = Case.objects.filter(voter_message__received_at__date__year=year)
    late = cw.overdue(forwarded, today)
    overdue = list(late.order_by("due_on", "id")[:LIMIT])
    days = param("deputy.forwarded_letter_reply_days")
    stations_line = format_lazy(_("开放中的代表之家和联络站 {active} 个（共 {total} 个），本年度接待选民 {received} 次"), received=received, **stations)  # fmt: skip
    letters_line = format_lazy(
        _("本年度群众来信 {n} 件，已答复 {answered} 件，待处理 {open} 件，公开 {published} 件；转交有关单位 {forwarded} 件，超过 {days} 日办理期限未办结 {late} 件"),
        days=days, late=late.count(), **letters,
    )  # fmt: skip
    lines = [stations_line, letters_line, _("履职档案在人大网站公开，代表通过本平台履职")]
    evidence = [Evidence(_("代表联络站"), reverse("deputies:stations")), Evidence(_("群众来信"), reverse("deputies:messages"))]  # fmt: skip
    evidence += [Evidence(c.title, reverse("casework:detail", args=[c.pk]), "overdue") for c in overdue]  # fmt: skip
    status = Status.BROKEN if overdue or not stations["active"] else Status.MET
    return Verdict(status, join(lines), evidence, str(year))


# -- §2.8 ----------------------------------------------------------------------------------


@check("§2.8", "deputies")
def work_plan(year, today) -> Verdict:
    """The year's deputy-work plan, adopted by the chairpersons' council, circulated and
    published (代表法 第43条)."""
    plan = WorkPlan.objects.filter(year=year).first()
    late = Status.BROKEN if year < today.year else Status.AT_RISK
    if plan is None:
        return Verdict(late, _("尚未制定年度代表工作计划。"), [Evidence(_("年度代表工作计划"), reverse("deputies:plans"))], str(year))  # fmt: skip
    link = [Evidence(plan.title, reverse("deputies:plan_detail", args=[plan.pk]), plan.status)]
    P = WorkPlan.Status
    if plan.status == P.PUBLISHED and plan.adopted_on and plan.published_at:
        return Verdict(Status.MET, format_lazy(_("年度代表工作计划经主任会议于{day}通过，已印发代表并公布。"), day=plan.adopted_on.isoformat()), link, str(year))  # fmt: skip
    if plan.status == P.PUBLISHED:
        return Verdict(Status.BROKEN, _("年度代表工作计划已公布，但没有主任会议通过的记录。"), link, str(year))  # fmt: skip
    return Verdict(late, format_lazy(_("年度代表工作计划{state}，尚未印发和公布。"), state=plan.get_status_display()), link, str(year))  # fmt: skip


# -- §2.9 ----------------------------------------------------------------------------------


@check("§2.9", "deputies")
def reception_days(year, today) -> Verdict:
    """Each serving deputy receives voters at a station at least the local number of days a
    year; deputy groups' activities are counted (the quarterly contacts are S23's)."""
    term = _term(year, today)
    if term is None:
        return _no_term(year)
    need = ds.contact_required()["receptions"]
    held = Q(receptions__status=Reception.Status.HELD, receptions__on_date__year=year)
    rows = Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE).annotate(days=Count("receptions", filter=held))  # fmt: skip
    n = rows.count()
    evidence = [Evidence(_("双联系"), reverse("deputies:contacts")), Evidence(_("代表联络站"), reverse("deputies:stations"))]  # fmt: skip
    if not n:
        return Verdict(Status.NOT_EVALUATED, _("本届尚无在职代表。"), evidence, str(year))
    short = rows.filter(days__lt=need)
    count = short.count()
    evidence += [_record(d, "short") for d in short.select_related("person").order_by("person__name", "id")[:LIMIT]]  # fmt: skip
    groups = DutyActivity.objects.filter(kind=DutyActivity.Kind.GROUP, status=DutyActivity.Status.ACCEPTED, held_on__year=year).count()  # fmt: skip
    summary = format_lazy(
        _("每名代表每年至少进站接待选民 {need} 次：{n} 名在职代表中 {short} 名尚未达到；代表小组 {g} 个，本年度记录小组活动 {a} 次（每季度联系群众见 S23）"),
        need=need, n=n, short=count, g=Organization.objects.filter(kind=Organization.Kind.DEPUTY_GROUP).count(), a=groups,
    )  # fmt: skip
    if not count:
        status = Status.MET
    elif today > dt.date(year, 12, 31):
        status = Status.BROKEN
    elif today >= dt.date(year, 10, 1):
        status = Status.AT_RISK
    else:
        status = Status.NOT_DUE
    return Verdict(status, summary, evidence, str(year))


# -- §2.11 ---------------------------------------------------------------------------------


def _recall_faulty(r: Recall, threshold: int, share: Fraction) -> bool:
    """Whether a recall's record breaks the statutory conditions it was decided on."""
    R, RT = Recall.Status, Recall.Route
    decided = r.status in (R.RECALLED, R.NOT_RECALLED)
    passed = bool(r.electorate) and Fraction(r.votes_for or 0) > Fraction(r.electorate) * share
    by_voters = r.route == RT.VOTERS
    return (
        (by_voters and (r.petitioners or 0) < threshold)
        or (by_voters and decided and (not r.electorate or passed != (r.status == R.RECALLED)))
        or (not by_voters and decided and not (r.decided_on and r.decision_document.strip()))
        or (r.status == R.RECALLED and r.deputy.status != Deputy.Status.RECALLED)
    )


@check("§2.11", "deputies")
def recalls(year, today) -> Verdict:
    """Recalls of the year: a voters' petition signed by at least the statutory number, a
    recall by the voters passed only with more than the statutory share of the whole
    electorate (选举法 第50、53条), and one by the electing body with its decision on record."""
    R = Recall.Status
    rows = list(
        Recall.objects.filter(Q(filed_on__year=year) | Q(voted_on__year=year) | Q(decided_on__year=year))
        .select_related("deputy__person").order_by("filed_on", "id")
    )  # fmt: skip
    evidence = [Evidence(_("罢免代表"), reverse("deputies:recalls"))]
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有罢免代表的要求。"), evidence, str(year))
    threshold, share = petition_threshold(), recall_majority()
    faulty = [r for r in rows if _recall_faulty(r, threshold, share)]
    evidence += [Evidence(str(r), reverse("deputies:recall_detail", args=[r.pk]), "faulty" if r in faulty else r.status) for r in rows[:LIMIT]]  # fmt: skip
    summary = format_lazy(
        _("本年度罢免要求 {n} 件（罢免通过 {yes} 件，未通过 {no} 件）；不符合联名人数（{threshold} 人以上）、原选区选民过半数或决定记录要求的 {faulty} 件；平台在登记时即核对这些条件"),
        n=len(rows), yes=sum(r.status == R.RECALLED for r in rows), no=sum(r.status == R.NOT_RECALLED for r in rows),
        threshold=threshold, faulty=len(faulty),
    )  # fmt: skip
    return Verdict(Status.BROKEN if faulty else Status.MET, summary, evidence, str(year))


unevaluable(
    "§2.7",
    "deputies",
    _(
        "§2.7 是本平台的法律依据（代表法第45条：代表履职网络平台），不是可在数据上检查的义务；代表通过本平台提出建议、接收来信、记录履职，其情况见 S25、§2.4。"
    ),
)
