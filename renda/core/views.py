"""Back-office pages of the core: home (my work), audit log, calendar, rule settings."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import effects, statute, workdays
from .audit import verify_chain
from .errors import DomainError
from .history import present
from .models import AuditEvent, CalendarDay, RuleSetting
from .services import calendar_day_remove, calendar_day_set, rule_setting_set
from .work import work_for

DUE_SOON_DAYS = 7
PAGE_SIZE = 50


@login_required
def home(request):
    """我的待办: what waits for this user, grouped by kind (the most pressing group first),
    with counts, filters by kind and by state (overdue, due within 7 days)."""
    today = timezone.localdate()
    items = work_for(request.user, today)
    urgent = [item for item in items if item.urgent]
    rows = []
    overdue = due_soon = 0
    for item in (item for item in items if not item.urgent):
        left = item.days_left(today)
        state = ""
        if left is not None and left < 0:
            state, overdue = "overdue", overdue + 1
        elif left is not None and left <= DUE_SOON_DAYS:
            state, due_soon = "soon", due_soon + 1
        rows.append(
            {
                "item": item,
                "kind": str(item.kind),
                "left": left,
                "over": -left if left is not None and left < 0 else None,
                "state": state,
            }
        )
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
    want_kind = request.GET.get("kind", "")
    want_state = request.GET.get("state", "")
    if want_kind not in kinds:
        want_kind = ""
    if want_state not in ("overdue", "soon"):
        want_state = ""
    shown = [
        r
        for r in rows
        if (not want_kind or r["kind"] == want_kind)
        and (not want_state or r["state"] == want_state)
    ]
    groups: dict[str, list] = {}
    for row in shown:
        groups.setdefault(row["kind"], []).append(row)
    return render(
        request,
        "core/home.html",
        {
            "urgent": urgent,
            "rows": rows,
            "groups": [
                {
                    "kind": kind,
                    "rows": members,
                    "overdue": sum(1 for r in members if r["state"] == "overdue"),
                }
                for kind, members in groups.items()
            ],
            "kinds": sorted(kinds.items(), key=lambda kv: -kv[1]),
            "want_kind": want_kind,
            "want_state": want_state,
            "shown": len(shown),
            "overdue": overdue,
            "due_soon": due_soon,
            "today": today,
        },
    )


# -- Helpers shared by the back-office pages of every app ---------------------------------


def permission_required(*perms: str, any_of: bool = False):
    """Require a signed-in user holding the named permission(s).

    Anonymous users are sent to the login page; a signed-in user without the
    permission gets 403. ``any_of`` accepts any one of several permissions.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = any(user.has_perm(p) for p in perms) if any_of else user.has_perms(perms)
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.required_permissions = perms  # type: ignore[attr-defined]
        return wrapped

    return decorator


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> dict:
    """Return the page of a list and the query string that keeps its filters."""
    return page_context(request, Paginator(queryset, per_page))


def page_context(request, paginator) -> dict:
    """The current page of ``paginator`` and the query string that keeps the list's filters."""
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page_obj,
        "rows": page_obj.object_list,
        "querystring_without_page": f"{encoded}&" if encoded else "",
        "query_params": encoded,
    }


def add_domain_error(form: forms.Form, error: DomainError, language: str) -> None:
    """Show a service's refusal on the form, on its field when the form has one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message_in(language))


def field_messages(label) -> dict:
    """Chinese error messages that name the field."""
    return {
        "required": format_lazy(_("请填写{label}。"), label=label),
        "invalid": format_lazy(_("{label}的格式不正确。"), label=label),
        "invalid_choice": format_lazy(_("{label}的取值无效。"), label=label),
        "max_length": format_lazy(_("{label}过长。"), label=label),
        "min_value": format_lazy(_("{label}过小。"), label=label),
        "max_value": format_lazy(_("{label}过大。"), label=label),
    }


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# -- Audit log ------------------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("操作代码"), required=False, max_length=80)
    object_type = forms.CharField(label=_("对象类型"), required=False, max_length=80)
    actor = forms.CharField(label=_("操作人"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("起始日期")),
    )
    date_to = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=DateInput(),
        error_messages=field_messages(_("截止日期")),
    )


@permission_required("core.view_audit")
def audit_list(request):
    """List audit events, newest first, with filters."""
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.all().order_by("-seq")
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            events = events.filter(action__icontains=data["action"].strip())
        if data["object_type"]:
            events = events.filter(object_type__icontains=data["object_type"].strip())
        if data["actor"]:
            events = events.filter(actor_label__icontains=data["actor"].strip())
        tz = timezone.get_current_timezone()
        if data["date_from"]:
            start = dt.datetime.combine(data["date_from"], dt.time.min, tzinfo=tz)
            events = events.filter(created_at__gte=start)
        if data["date_to"]:
            end = dt.datetime.combine(
                data["date_to"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz
            )
            events = events.filter(created_at__lt=end)
    pending = list(effects.pending()[:50])
    context = {"form": form, "pending_effects": pending, **paginate(request, events)}
    context["rows"] = present(context["rows"])
    return render(request, "core/audit_list.html", context)


@require_POST
@permission_required("core.view_audit")
def effects_retry(request):
    """Run the pending effects of committed changes again (the daily sweep does it too)."""
    ok, failed = effects.retry_pending()
    if failed:
        messages.error(request, format_lazy(_("仍有 {n} 项后续处理未能完成。"), n=failed))
    else:
        messages.success(request, format_lazy(_("已完成 {n} 项后续处理。"), n=ok))
    return redirect("core:audit_list")


def _local_time(iso: str) -> str:
    from django.utils.dateparse import parse_datetime

    moment = parse_datetime(iso)
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else iso


@require_POST
@permission_required("core.view_audit")
def audit_verify(request):
    """Recompute the hash chain, check it against the signed anchors, report the result."""
    from .anchoring import verify_anchors

    report = verify_chain()
    anchors = verify_anchors()
    if report.ok:
        messages.success(
            request, format_lazy(_("审计链完整：已校验 {n} 条记录。"), n=report.checked)
        )
    else:
        messages.error(
            request,
            format_lazy(
                _("审计链在第 {seq} 条记录处断开：{reason}"),
                seq=report.broken_seq,
                reason=report.reason,
            ),
        )
    if not anchors.ok:
        for failure in anchors.failures[:5]:
            messages.error(
                request, format_lazy(_("审计锚定核对未通过：{failure}"), failure=failure)
            )
    elif anchors.latest is not None:
        messages.success(
            request,
            format_lazy(
                _("与库外签名锚定一致：共 {n} 个锚点，最近一次为第 {seq} 条（{at}）。"),
                n=anchors.anchors,
                seq=anchors.latest.seq,
                at=_local_time(anchors.latest.at),
            ),
        )
    return redirect("core:audit_list")


# -- Working-day calendar ------------------------------------------------------------------


class CalendarDayForm(forms.Form):
    date = forms.DateField(
        label=_("日期"), widget=DateInput(), error_messages=field_messages(_("日期"))
    )
    kind = forms.ChoiceField(
        label=_("类型"), choices=CalendarDay.Kind.choices, error_messages=field_messages(_("类型"))
    )
    name = forms.CharField(
        label=_("名称"), required=False, max_length=40, error_messages=field_messages(_("名称"))
    )


class DeadlineForm(forms.Form):
    UNITS = (("workdays", _("个工作日")), ("months", _("个月")))

    start = forms.DateField(
        label=_("起算日期"), widget=DateInput(), error_messages=field_messages(_("起算日期"))
    )
    n = forms.IntegerField(
        label=_("期限"), min_value=-400, max_value=400, error_messages=field_messages(_("期限"))
    )
    unit = forms.ChoiceField(
        label=_("单位"), choices=UNITS, error_messages=field_messages(_("单位"))
    )


@permission_required("core.manage_calendar")
def calendar_page(request):
    """List the calendar exceptions of a year; add, correct or remove them; compute a deadline."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 1990), 2100)
    form = None
    if request.method == "POST":
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                calendar_day_set(
                    actor=request.user, date=data["date"], kind=data["kind"], name=data["name"]
                )
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(
                    request, format_lazy(_("已保存 {date} 的日历调整。"), date=data["date"])
                )
                return redirect(f"{reverse('core:calendar')}?year={data['date'].year}")
    if form is None:
        initial = {}
        edit = request.GET.get("date")
        if edit:
            row = (
                CalendarDay.objects.filter(date=_parse_date(edit)).first()
                if _parse_date(edit)
                else None
            )
            initial = (
                {"date": row.date, "kind": row.kind, "name": row.name} if row else {"date": edit}
            )
        form = CalendarDayForm(initial=initial)
    deadline_form = DeadlineForm(request.GET if "start" in request.GET else None)
    deadline = None
    if deadline_form.is_bound and deadline_form.is_valid():
        d = deadline_form.cleaned_data
        if d["unit"] == "months":
            deadline = workdays.add_months(d["start"], d["n"])
        else:
            deadline = workdays.add_working_days(d["start"], d["n"])
    days = CalendarDay.objects.filter(date__year=year).order_by("date")
    return render(
        request,
        "core/calendar.html",
        {
            "year": year,
            "years": range(year - 2, year + 3),
            "days": days,
            "form": form,
            "deadline_form": deadline_form,
            "deadline": deadline,
        },
    )


def _parse_date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except (TypeError, ValueError):
        return None


@require_POST
@permission_required("core.manage_calendar")
def calendar_remove(request):
    day = _parse_date(request.POST.get("date", ""))
    if day is None:
        messages.error(request, _("日期格式不正确。"))
        return redirect("core:calendar")
    try:
        calendar_day_remove(actor=request.user, date=day)
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
    else:
        messages.success(request, format_lazy(_("已删除 {date} 的日历调整。"), date=day))
    return redirect(f"{reverse('core:calendar')}?year={day.year}")


# -- Rule settings -------------------------------------------------------------------------


class RuleSettingForm(forms.Form):
    key = forms.ChoiceField(label=_("参数"), choices=(), error_messages=field_messages(_("参数")))
    value = forms.CharField(
        label=_("本地取值"),
        required=False,
        max_length=200,
        help_text=_("留空则恢复默认值。"),
        error_messages=field_messages(_("本地取值")),
    )
    note = forms.CharField(
        label=_("依据或说明"),
        required=False,
        max_length=255,
        error_messages=field_messages(_("依据或说明")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [(k, k) for k, p in statute.REGISTRY.items() if p.configurable]


@permission_required("core.view_audit", "core.manage_rules", any_of=True)
def rules_page(request):
    """List every statutory parameter with its rule code and source; edit the configurable ones."""
    can_edit = request.user.has_perm("core.manage_rules")
    form = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = RuleSettingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rule_setting_set(
                    actor=request.user, key=data["key"], value=data["value"], note=data["note"]
                )
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, format_lazy(_("参数 {key} 已保存。"), key=data["key"]))
                return redirect("core:rules")
    local = {s.key: s for s in RuleSetting.objects.all()}
    rows = []
    for key, p in statute.REGISTRY.items():
        setting = local.get(key) if p.configurable else None
        rows.append(
            {
                "key": key,
                "param": p,
                "default": statute.format_value(p.default),
                "local": setting.value if setting else "",
                "note": setting.note if setting else "",
                "since": timezone.localtime(setting.updated_at) if setting else None,
                "failed": form is not None and form.data.get("key") == key,
            }
        )
    return render(request, "core/rules.html", {"rows": rows, "can_edit": can_edit, "form": form})
