"""Appointments (§7.8, §7.11, §7.12, §7.14): what the appointments' own records say of the
year's decisions — the law exam passed before appointing, the notice published in time, the
oath sworn, and a new government's department heads moved within their months."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.appointments import selectors as aps
from renda.appointments.models import Appointment, OathTaker
from renda.people.selectors import current_term

from ..registry import Evidence, Status, Verdict, check, year_end

A = Appointment.Status


def _carried(year: int):
    """The year's appointing decisions that carried (to appoint, or to decide an acting holder)."""
    return (
        Appointment.objects.filter(decided_on__year=year, status__in=(A.APPOINTED, A.RELIEVED), kind__in=(Appointment.Kind.APPOINT, Appointment.Kind.ACTING))
        .select_related("person", "post", "term")
        .order_by("decided_on", "id")
    )  # fmt: skip


def _link(a: Appointment, status: str = "") -> Evidence:
    return Evidence(a.title, reverse("appointments:appointment_detail", args=[a.pk]), status)


def _per_decision(year: int, rows: list, flagged: list, none_text, ok_text, bad_text, bad=Status.BROKEN) -> Verdict:  # fmt: skip
    if not rows:
        return Verdict(Status.NOT_APPLICABLE, none_text, [], str(year))
    if flagged:
        summary = format_lazy(bad_text, n=len(rows), m=len(flagged))
        return Verdict(bad, summary, [_link(a, "flagged") for a in flagged], str(year))
    return Verdict(Status.MET, format_lazy(ok_text, n=len(rows)), [], str(year))


@check("§7.8", "appointments")
def law_exam(year, today) -> Verdict:
    rows = list(_carried(year))
    passed = aps.passes_of({a.person_id for a in rows}, rows)
    flagged = [a for a in rows if not passed.get(a.pk)]
    return _per_decision(
        year, rows, flagged, _("本年度没有任命。"), _("本年度任命 {n} 人，均经任前法律知识考试合格"),
        _("本年度任命 {n} 人，{m} 人未见有效的任前法律知识考试合格记录"),
    )  # fmt: skip


@check("§7.11", "appointments")
def notice(year, today) -> Verdict:
    rows = list(Appointment.objects.filter(decided_on__year=year, notice_due_on__isnull=False).select_related("person", "post").order_by("decided_on", "id"))  # fmt: skip
    flagged = [a for a in rows if a.notice_overdue]
    return _per_decision(
        year, rows, flagged, _("本年度没有须公告的任免。"), _("本年度任免 {n} 项，均按期公告"),
        _("本年度任免 {n} 项，{m} 项未按期公告"),
    )  # fmt: skip


@check("§7.12", "appointments")
def oath(year, today) -> Verdict:
    rows = list(_carried(year))
    sworn = set(OathTaker.objects.filter(appointment__in=rows, status=OathTaker.Status.SWORN).values_list("appointment_id", flat=True))  # fmt: skip
    flagged = [a for a in rows if a.pk not in sworn]
    past = year < today.year
    return _per_decision(
        year, rows, flagged, _("本年度没有任命。"), _("本年度任命 {n} 人，均已进行宪法宣誓"),
        _("本年度任命 {n} 人，{m} 人尚未进行宪法宣誓"), bad=Status.BROKEN if past else Status.AT_RISK,
    )  # fmt: skip


@check("§7.14", "appointments")
def department_heads(year, today) -> Verdict:
    term = current_term(year_end(year, today))
    found = aps.department_heads_deadline(term, today)
    if found is None or year not in (found["deadline"].year, found["head"].start_date.year):
        return Verdict(Status.NOT_APPLICABLE, _("本年度没有新一届政府提请任命组成部门负责人的期限。"), [], str(year))  # fmt: skip
    total = len(found["rows"])
    summary = format_lazy(
        _("政府组成部门 {n} 个，{deadline}前已提请 {moved} 个，逾期 {late} 个"),
        n=total, deadline=found["deadline"].isoformat(), moved=found["moved"], late=len(found["late"]),
    )  # fmt: skip
    if found["late"]:
        status = Status.BROKEN
    elif found["moved"] == total:
        status = Status.MET
    else:
        status = Status.AT_RISK if found["open"] else Status.BROKEN
    return Verdict(
        status, summary, [Evidence(_("任免事项"), reverse("appointments:appointments"))], str(year)
    )
