"""How meetings are run (S3, S15–S18, §2.1, §8.4, §8.9, §8.12–§8.14), read from the meetings
app's own records:

- the document deadlines the meetings app computes (``selectors.deadlines_of``): the notice
  (§8.4, §8.9), the materials to members (``lead.documents_to_members_days``, §8.9), each
  item's motion and report texts (S17);
- the agenda items' dispositions and their polls (S16, §8.12), their reporters and posts
  (S17, §8.13) and the reporters' sign-in;
- the attendance roll and leave requests of congress sessions (§2.1), the non-voting pool and
  gallery of SC meetings (S18, §8.14);
- the presidium's and the committees' memberships (S15), the joint conferences' notes (S3).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.meetings import selectors as ms
from renda.meetings import workflow as mw
from renda.meetings.models import (
    AgendaItem,
    Attendance,
    AttendeePoolEntry,
    LeaveRequest,
    Meeting,
)
from renda.people.models import Membership, Organization, Post

from ..registry import Evidence, Status, Verdict, check, join, shared, worst

K = Meeting.Kind
D = AgendaItem.Disposition
#: Days before a deadline (or a meeting) when it is shown at risk.
SOON = 7
#: The posts that lead a body (负责人, 监督法 第16条): the head and the deputy heads.
HEAD_ROLES = (Post.Role.CHAIR, Post.Role.VICE_CHAIR, Post.Role.HEAD, Post.Role.DEPUTY_HEAD)
MAX_EVIDENCE = 50


def _link(m: Meeting, status: str = "") -> Evidence:
    return Evidence(f"{m.title} · {m.starts_on.isoformat()}", reverse("meetings:detail", args=[m.pk]), status)  # fmt: skip


def _of_year(year: int, *kinds: str):
    qs = Meeting.objects.filter(starts_on__year=year)
    return qs.filter(kind__in=kinds) if kinds else qs


def _none_held(year: int, today: dt.date, qs, empty) -> Verdict | None:
    """A verdict when none of ``qs`` has started by the judging day: not due, or nothing to judge."""
    if qs.filter(starts_on__lte=today).exists():
        return None
    if qs.exists():
        return Verdict(Status.NOT_DUE, _("本年度的会议尚未举行。"), [_link(m) for m in qs.order_by("starts_on")[:MAX_EVIDENCE]], str(year))  # fmt: skip
    return Verdict(Status.NOT_APPLICABLE, empty, [], str(year))


# -- document deadlines (S17, §8.4, §8.9) ----------------------------------------------------


def _deadlines(year: int, today: dt.date):
    return shared(
        ("meeting_deadlines", year, today), lambda: ms.deadlines_of(_of_year(year), today)
    )


def _row_status(row, today: dt.date) -> str | None:
    if row.is_late:
        return Status.BROKEN
    if row.state == ms.OK:
        return Status.MET
    return Status.AT_RISK if (row.due - today).days <= SOON else None


def _deadline_verdict(year, today, pick, empty, what) -> Verdict:
    """Judge the deadline rows ``pick(meeting, group, row)`` chooses: late or missing is broken,
    one falling due within a week is at risk; rows not yet near their day are not judged."""
    judged, evidence, data = [], [], _deadlines(year, today)
    for meeting, groups in data:
        rows = [(g, r) for g in groups for r in g.rows if pick(meeting, g, r)]
        statuses = [s for s in (_row_status(r, today) for _g, r in rows) if s]
        judged += statuses
        late = [r for _g, r in rows if r.is_late]
        if late and len(evidence) < MAX_EVIDENCE:
            docs = "、".join(sorted({str(r.label) for r in late}))
            evidence.append(Evidence(format_lazy(_("{title}：{docs}"), title=meeting.title, docs=docs), reverse("meetings:detail", args=[meeting.pk]), "late"))  # fmt: skip
    if not judged:
        found = any(pick(m, g, r) for m, gs in data for g in gs for r in g.rows)
        return Verdict(Status.NOT_DUE if found else Status.NOT_APPLICABLE, empty, [], str(year))
    late = judged.count(Status.BROKEN)
    summary = format_lazy(_("{what}：应送达 {n} 项，按时 {ok} 项，逾期或未送达 {late} 项，一周内到期 {soon} 项"), what=what, n=len(judged), ok=judged.count(Status.MET), late=late, soon=judged.count(Status.AT_RISK))  # fmt: skip
    return Verdict(worst(*judged), summary, evidence, str(year))


def _is_notice(row) -> bool:
    return row.kind == "notice"


@check("§8.4", "meetings")
def congress_notice(year, today) -> Verdict:
    """The congress session's notice sent ``lead.congress_notice_months`` before it opens."""
    return _deadline_verdict(
        year, today,
        lambda m, g, r: m.kind == K.CONGRESS_SESSION and g.item is None and _is_notice(r),
        _("本年度没有人民代表大会会议。"), _("人民代表大会会议通知"),
    )  # fmt: skip


@check("§8.9", "meetings")
def sc_notice(year, today) -> Verdict:
    """The SC meeting's notice (``lead.sc_meeting_notice_days``), its materials to the members
    (``lead.documents_to_members_days``) and its motions (``lead.motion_days``) on time."""
    keys = {mw.NOTICE_PARAM_DAYS, mw.MATERIALS_PARAM_DAYS, "lead.motion_days"}
    return _deadline_verdict(
        year, today,
        lambda m, g, r: m.kind == K.SC_MEETING and r.param in keys,
        _("本年度没有常委会会议。"), _("常委会会议通知、送达组成人员的会议材料和议案"),
    )  # fmt: skip


def _unqualified_reporters(year: int):
    """Work reports of the year whose reporter held no post elected or appointed by the
    congress or its SC on the meeting's first day (or who have no reporter at all)."""
    day = OuterRef("meeting__starts_on")
    statutory = Membership.objects.filter(person_id=OuterRef("reporter_id"), post__elected_or_appointed=True, start_date__lte=day).filter(Q(end_date__isnull=True) | Q(end_date__gte=day))  # fmt: skip
    return (
        AgendaItem.objects.filter(meeting__starts_on__year=year, kind__in=mw.STATUTORY_REPORTER_KINDS)
        .annotate(statutory=Exists(statutory)).filter(statutory=False)
        .select_related("meeting").order_by("meeting__starts_on", "order")
    )  # fmt: skip


@check("S17", "meetings")
def on_time_and_statutory_reporters(year, today) -> Verdict:
    """Every item's motion and report texts in by their days, and each work report's reporter
    in a post the congress or its SC filled (the platform refuses others when an item is added)."""
    timely = _deadline_verdict(
        year, today, lambda m, g, r: g.item is not None,
        _("本年度没有需要提前提请的议案和报告。"), _("议案和报告"),
    )  # fmt: skip
    wrong = list(_unqualified_reporters(year)[:MAX_EVIDENCE])
    reports = AgendaItem.objects.filter(meeting__starts_on__year=year, kind__in=mw.STATUTORY_REPORTER_KINDS).count()  # fmt: skip
    lines = [timely.summary]
    if reports:
        lines.append(format_lazy(_("工作报告 {n} 项，报告人不是人大或常委会选举、任命人员 {bad} 项"), n=reports, bad=len(wrong)))  # fmt: skip
    statuses = [timely.status] + ([Status.BROKEN if wrong else Status.MET] if reports else [])
    evidence = timely.evidence + [Evidence(f"{i.meeting.title}：{i.title}", reverse("meetings:detail", args=[i.meeting_id]), "reporter") for i in wrong]  # fmt: skip
    return Verdict(worst(*statuses), join(lines), evidence[:MAX_EVIDENCE], str(year))


# -- dispositions (S16, §8.12) ---------------------------------------------------------------


@check("S16", "meetings")
def no_deliberation_without_decision(year, today) -> Verdict:
    """Every item of a held meeting voted (with a sealed poll), decided, or deferred with its
    next-step opinion: none left pending when the meeting closed (the platform refuses to close
    a meeting with pending items), none recorded as voted without a poll."""
    from renda.voting.models import Poll

    meetings = _of_year(year)
    early = _none_held(year, today, meetings, _("本年度没有会议。"))
    if early:
        return early
    sealed = Poll.objects.filter(agenda_item_id=OuterRef("pk"), status=Poll.Status.SEALED)
    items = AgendaItem.objects.filter(meeting__in=meetings, meeting__starts_on__lte=today)
    counts = dict(items.values_list("disposition").annotate(n=Count("id")).values_list("disposition", "n"))  # fmt: skip
    if not sum(counts.values()):
        return Verdict(Status.NOT_APPLICABLE, _("本年度已举行的会议没有议程事项。"), [], str(year))
    Ms = Meeting.Status
    closed_pending = items.filter(disposition=D.PENDING, meeting__status=Ms.CLOSED)
    unvoted = items.filter(disposition=D.VOTED).exclude(Exists(sealed))
    running = items.filter(disposition=D.PENDING, meeting__ends_on__lt=today).exclude(meeting__status=Ms.CLOSED)  # fmt: skip
    bad = {
        "pending": list(closed_pending.select_related("meeting")[:MAX_EVIDENCE]),
        "no_poll": list(unvoted.select_related("meeting")[:MAX_EVIDENCE]),
        "open": list(running.select_related("meeting")[:MAX_EVIDENCE]),
    }
    summary = format_lazy(
        _("议程事项 {n} 项：表决 {voted}，作出决定 {decided}，暂缓并提出下一步处理意见 {deferred}，待处理 {pending}；闭会时仍未处理 {closed}，记为已表决但无封存的表决 {no_poll}"),
        n=sum(counts.values()), voted=counts.get(D.VOTED, 0), decided=counts.get(D.DECIDED, 0), deferred=counts.get(D.DEFERRED, 0),
        pending=counts.get(D.PENDING, 0), closed=closed_pending.count(), no_poll=unvoted.count(),
    )  # fmt: skip
    status = Status.BROKEN if bad["pending"] or bad["no_poll"] else Status.AT_RISK if bad["open"] else Status.MET  # fmt: skip
    evidence = [Evidence(f"{i.meeting.title}：{i.order}. {i.title}", reverse("meetings:detail", args=[i.meeting_id]), flag) for flag, rows in bad.items() for i in rows]  # fmt: skip
    return Verdict(status, summary, evidence[:MAX_EVIDENCE], str(year))


@check("§8.12", "meetings")
def council_sets_agenda(year, today) -> Verdict:
    """A chairpersons' council met before each SC meeting (since the previous one) to settle its
    agenda, and every SC item not put to a vote carries its decision or next-step opinion."""
    sc = _of_year(year, K.SC_MEETING)
    early = _none_held(year, today, sc, _("本年度没有常委会会议。"))
    if early:
        return early
    horizon = today + dt.timedelta(days=SOON)
    meetings = list(Meeting.objects.filter(kind__in=(K.SC_MEETING, K.CHAIRPERSONS_COUNCIL), starts_on__lte=min(horizon, dt.date(year, 12, 31)), starts_on__gte=dt.date(year - 1, 1, 1)).order_by("starts_on", "id"))  # fmt: skip
    previous, councils, without = None, [], []
    for m in meetings:
        if m.kind == K.CHAIRPERSONS_COUNCIL:
            councils.append(m.starts_on)
            continue
        since = previous.starts_on if previous else m.starts_on - dt.timedelta(days=62)
        if m.starts_on.year == year and not any(since < day <= m.starts_on for day in councils):
            without.append(m)
        previous = m
    silent = list(
        AgendaItem.objects.filter(meeting__in=sc, disposition__in=(D.DECIDED, D.DEFERRED), disposition_note="")
        .select_related("meeting").order_by("meeting__starts_on", "order")[:MAX_EVIDENCE]
    )  # fmt: skip
    held = sc.filter(starts_on__lte=today).count()
    summary = format_lazy(
        _("常委会会议 {n} 次，会前未见主任会议记录 {without} 次；未付表决的议程事项未载明决定或下一步处理意见 {silent} 项"),
        n=held, without=len(without), silent=len(silent),
    )  # fmt: skip
    # The agenda decision itself is not a record of its own: a missing council meeting is a gap
    # to look into, an item without its opinion is a breach.
    status = Status.BROKEN if silent else Status.AT_RISK if without else Status.MET
    evidence = [_link(m, "no_council") for m in without] + [Evidence(f"{i.meeting.title}：{i.order}. {i.title}", reverse("meetings:detail", args=[i.meeting_id]), "no_opinion") for i in silent]  # fmt: skip
    return Verdict(status, summary, evidence[:MAX_EVIDENCE], str(year))


# -- reporters (§8.13) -----------------------------------------------------------------------


@check("§8.13", "meetings")
def statutory_reporters_attend(year, today) -> Verdict:
    """Each work report at an SC meeting presented by a head or deputy head of its body, who
    signed in at the meeting (once it has opened)."""
    sc = _of_year(year, K.SC_MEETING)
    early = _none_held(year, today, sc, _("本年度没有常委会会议。"))
    if early:
        return early
    present = Attendance.objects.filter(meeting_id=OuterRef("meeting_id"), person_id=OuterRef("reporter_id"), status=Attendance.Status.PRESENT)  # fmt: skip
    reports = AgendaItem.objects.filter(meeting__in=sc, meeting__starts_on__lte=today, kind__in=mw.STATUTORY_REPORTER_KINDS)  # fmt: skip
    total = reports.count()
    if not total:
        return Verdict(
            Status.NOT_APPLICABLE, _("本年度已举行的常委会会议没有听取工作报告。"), [], str(year)
        )
    not_head = reports.exclude(reporter_post__role__in=HEAD_ROLES)
    absent = reports.exclude(meeting__status=Meeting.Status.SCHEDULED).exclude(Exists(present))
    summary = format_lazy(
        _("常委会会议听取工作报告 {n} 项：报告人不是机关负责人 {not_head} 项，报告人未签到出席 {absent} 项"),
        n=total, not_head=not_head.count(), absent=absent.count(),
    )  # fmt: skip
    rows = [(i, "not_head") for i in not_head.select_related("meeting")[:25]] + [(i, "absent") for i in absent.select_related("meeting")[:25]]  # fmt: skip
    evidence = [Evidence(f"{i.meeting.title}：{i.title}", reverse("meetings:detail", args=[i.meeting_id]), flag) for i, flag in rows]  # fmt: skip
    return Verdict(Status.BROKEN if rows else Status.MET, summary, evidence, str(year))


# -- presidium (S15) -------------------------------------------------------------------------


def _active(rows, first: dt.date, last: dt.date) -> set[int]:
    return {pid for pid, start, end in rows if start <= last and (end is None or end >= first)}


@check("S15", "meetings")
def presidium_composition(year, today) -> Verdict:
    """The presidium of each congress session counts among its members every chair of a special
    committee and every head of an SC working committee in office when the session opens."""
    sessions = _of_year(year, K.CONGRESS_SESSION)
    early = _none_held(year, today, sessions, _("本年度没有人民代表大会会议。"))
    if early:
        return early
    held = list(sessions.filter(starts_on__lte=today).order_by("starts_on"))
    first, last = held[0].starts_on, held[-1].ends_on
    span = Q(start_date__lte=last) & (Q(end_date__isnull=True) | Q(end_date__gte=first))
    fields = ("person_id", "start_date", "end_date")
    presidium = list(Membership.objects.filter(span, organization__kind=Organization.Kind.PRESIDIUM).values_list(*fields))  # fmt: skip
    heads_q = Q(organization__kind=Organization.Kind.SPECIAL_COMMITTEE) | Q(organization__kind=Organization.Kind.WORKING_BODY, organization__parent__kind=Organization.Kind.STANDING_COMMITTEE)  # fmt: skip
    heads = list(Membership.objects.filter(span, heads_q, role__in=(Post.Role.CHAIR, Post.Role.HEAD)).values_list(*fields, "person__name"))  # fmt: skip
    statuses, lines, evidence = [], [], []
    for s in held:
        members = _active(presidium, s.starts_on, s.ends_on)
        due = {pid: name for pid, start, end, name in heads if start <= s.starts_on and (end is None or end >= s.starts_on)}  # fmt: skip
        missing = sorted(name for pid, name in due.items() if pid not in members)
        if not members:
            statuses.append(Status.BROKEN)
            lines.append(format_lazy(_("{title}：未登记主席团成员"), title=s.title))
        elif missing:
            statuses.append(Status.BROKEN)
            lines.append(format_lazy(_("{title}：主席团成员 {n} 人，未包括{names}"), title=s.title, n=len(members), names="、".join(missing)))  # fmt: skip
        else:
            statuses.append(Status.MET)
            lines.append(format_lazy(_("{title}：主席团成员 {n} 人，包括专门委员会主任委员和常委会工作委员会主任 {heads} 人"), title=s.title, n=len(members), heads=len(due)))  # fmt: skip
        evidence.append(_link(s, statuses[-1]))
    return Verdict(worst(*statuses), join(lines), evidence, str(year))


# -- attendance and leave (§2.1) -------------------------------------------------------------


@check("§2.1", "deputies")
def attendance_and_leave(year, today) -> Verdict:
    """Deputies absent from the year's congress sessions only with approved leave, and every
    leave request decided by the time the session opens."""
    sessions = _of_year(year, K.CONGRESS_SESSION)
    early = _none_held(year, today, sessions, _("本年度没有人民代表大会会议。"))
    if early:
        return early
    held = sessions.filter(starts_on__lte=today)
    approved = LeaveRequest.objects.filter(meeting_id=OuterRef("meeting_id"), person_id=OuterRef("person_id"), status=LeaveRequest.Status.APPROVED)  # fmt: skip
    rows = Attendance.objects.filter(meeting__in=held, role=Attendance.Role.VOTING)
    away = rows.filter(status__in=(Attendance.Status.ABSENT, Attendance.Status.ON_LEAVE))
    unexcused = away.exclude(Exists(approved))
    undecided = LeaveRequest.objects.filter(meeting__in=held, status=LeaveRequest.Status.PENDING)
    flagged = list(held.filter(Q(pk__in=unexcused.values("meeting_id")) | Q(pk__in=undecided.values("meeting_id"))).order_by("starts_on")[:MAX_EVIDENCE])  # fmt: skip
    n_unexcused, n_undecided = unexcused.count(), undecided.count()
    summary = format_lazy(
        _("人民代表大会会议 {n} 次，应出席 {roll} 人次，请假获准 {excused} 人次，未经批准缺席 {unexcused} 人次，请假未审批 {undecided} 件"),
        n=held.count(), roll=rows.count(), excused=away.count() - n_unexcused, unexcused=n_unexcused, undecided=n_undecided,
    )  # fmt: skip
    status = Status.BROKEN if n_unexcused else Status.AT_RISK if n_undecided else Status.MET
    return Verdict(status, summary, [_link(m, "absence") for m in flagged], str(year))


# -- openness, the pool and the gallery (S18, §8.14) -----------------------------------------


def _with_pool_attendee(meetings):
    pool = Attendance.objects.filter(meeting_id=OuterRef("pk"), role=Attendance.Role.NON_VOTING, person__pool_entry__isnull=False)  # fmt: skip
    return meetings.annotate(pooled=Exists(pool))


@check("S18", "meetings")
def attendees_and_gallery(year, today) -> Verdict:
    """Deputies and residents of the pool invited to sit in on the SC's meetings without a vote,
    and the public gallery open at them."""
    sc = _of_year(year, K.SC_MEETING)
    early = _none_held(year, today, sc, _("本年度没有常委会会议。"))
    if early:
        return early
    held = list(_with_pool_attendee(sc.filter(starts_on__lte=today)).order_by("starts_on"))
    pool = AttendeePoolEntry.objects.filter(is_active=True).count()
    without = [m for m in held if not m.pooled]
    gallery = [m for m in held if m.is_public and m.gallery_seats]
    summary = format_lazy(
        _("列席人员库在库 {pool} 人；常委会会议 {n} 次，有库内代表或群众列席 {pooled} 次，设旁听席公开举行 {gallery} 次"),
        pool=pool, n=len(held), pooled=len(held) - len(without), gallery=len(gallery),
    )  # fmt: skip
    if not pool or len(without) == len(held) or not gallery:
        status = Status.BROKEN
    else:
        status = Status.AT_RISK if without else Status.MET
    evidence = [Evidence(_("列席人员库"), reverse("meetings:pool"))] + [_link(m, "no_pool") for m in without[:MAX_EVIDENCE]]  # fmt: skip
    return Verdict(status, summary, evidence, str(year))


@check("§8.14", "meetings")
def openness(year, today) -> Verdict:
    """Congress sessions and SC meetings held in public, their agenda on the public website,
    with gallery seats; a meeting held in private is flagged for the decision behind it."""
    meetings = _of_year(year, K.CONGRESS_SESSION, K.SC_MEETING)
    early = _none_held(year, today, meetings, _("本年度没有人民代表大会会议和常委会会议。"))
    if early:
        return early
    held = meetings.filter(starts_on__lte=today)
    private = list(held.filter(is_public=False).order_by("starts_on")[:25])
    no_seats = list(held.filter(is_public=True, gallery_seats=0).order_by("starts_on")[:25])
    summary = format_lazy(
        _("会议 {n} 次，公开举行 {public} 次（议程在公众网站公布），不公开举行 {private} 次，公开举行但未设旁听席 {no_seats} 次"),
        n=held.count(), public=held.filter(is_public=True).count(), private=held.filter(is_public=False).count(), no_seats=len(no_seats),
    )  # fmt: skip
    # Holding a meeting in private is lawful by decision, which the platform does not record.
    status = Status.BROKEN if no_seats else Status.AT_RISK if private else Status.MET
    evidence = [_link(m, "no_seats") for m in no_seats] + [_link(m, "private") for m in private]
    return Verdict(status, summary, evidence, str(year))


# -- joint conferences (S3) ------------------------------------------------------------------


@check("S3", "party")
def joint_conference_records(year, today) -> Verdict:
    """Each joint conference held records its participants, the matters coordinated and the
    follow-up (the meeting's notes); a week's grace after it ends before it is broken."""
    joint = _of_year(year, K.JOINT_CONFERENCE)
    early = _none_held(year, today, joint, _("本年度没有召开联席会议。"))
    if early:
        return early
    held = list(joint.filter(starts_on__lte=today).order_by("starts_on"))
    unrecorded = [m for m in held if not m.notes.strip() and (m.ends_on < today or m.status == Meeting.Status.CLOSED)]  # fmt: skip
    late = [m for m in unrecorded if m.status == Meeting.Status.CLOSED or (today - m.ends_on).days > SOON]  # fmt: skip
    summary = format_lazy(_("联席会议 {n} 次，会后未记载参加人员、协调事项和后续措施 {bad} 次"), n=len(held), bad=len(unrecorded))  # fmt: skip
    status = Status.BROKEN if late else Status.AT_RISK if unrecorded else Status.MET
    flagged = {m.pk for m in unrecorded}
    evidence = [_link(m, "no_record" if m.pk in flagged else "") for m in held[:MAX_EVIDENCE]]
    return Verdict(status, summary, evidence, str(year))
