"""Generic case pages: lists, a unit's queue, the case page with its actions, notifications."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import Action
from renda.core.errors import DomainError
from renda.core.history import present, register_labels
from renda.core.models import AuditEvent
from renda.core.views import add_domain_error, paginate, permission_required

from . import forms as case_forms
from . import selectors, workflow
from . import services as cw
from .deadlines import DUE_SOON_DAYS, DUE_VERY_SOON_DAYS, deadline_state
from .models import Assignment, Case, ExtensionRequest, Notification, ReturnRequest
from .paging import paginate_capped

ACTION_LABELS = {
    "casework.case.created": _("创建"),
    "casework.case.assigned": _("交办"),
    "casework.case.received": _("签收"),
    "casework.case.return_requested": _("申请退回"),
    "casework.case.return_decided": _("审批退回申请"),
    "casework.case.extension_requested": _("申请延期"),
    "casework.case.extension_decided": _("审批延期申请"),
    "casework.case.co_opinion": _("提交协办意见"),
    "casework.case.co_override": _("准予主办单位先行答复"),
    "casework.case.contact_logged": _("记录沟通联系"),
    "casework.case.replied": _("答复"),
    "casework.case.follow_up_replied": _("跟踪答复"),
    "casework.case.reply_published": _("同意公开答复"),
    "casework.case.reply_withheld": _("不予公开答复"),
    "casework.case.rated": _("评价"),
    "casework.case.verified": _("核实不满意意见"),
    "casework.case.closed": _("办结"),
    "casework.case.withdrawn": _("撤回"),
    "casework.case.merged": _("并案"),
    "casework.case.merge_received": _("并入其他事项"),
    "casework.case.key_marked": _("列为重点督办"),
    "casework.case.key_unmarked": _("取消重点督办"),
    "casework.case.supervision_note": _("督办意见"),
}
register_labels(ACTION_LABELS)
TIMELINE_LIMIT = 200


def _rows_with_state(rows, today: dt.date, attr: str = "due_on"):
    for row in rows:
        row.deadline = deadline_state(getattr(row, attr), today)
    return rows


def _filtered(request, qs):
    form = case_forms.CaseFilterForm(request.GET or None)
    today = timezone.localdate()
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = selectors.case_search(qs, d["q"])
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["due"] == "soon7":
            qs = selectors.due_within(qs, today, DUE_VERY_SOON_DAYS)
        elif d["due"] == "soon30":
            qs = selectors.due_within(qs, today, DUE_SOON_DAYS)
        elif d["due"] == "overdue":
            qs = selectors.overdue(qs, today)
        elif d["due"] == "nocontact":
            qs = selectors.not_contacted(qs, today)
    return form, qs


def _list(request, qs, title, template="casework/case_list.html", extra=None):
    form, qs = _filtered(request, qs)
    today = timezone.localdate()
    qs = selectors.with_lead_contact(qs.defer("search_text", "summary").order_by("due_on", "-id"))
    context = {
        "form": form,
        "title": title,
        "today": today,
        **paginate_capped(request, qs, keys_first=True),
        **(extra or {}),
    }
    _rows_with_state(context["rows"], today)
    for row in context["rows"]:
        row.contact_late = row.status in workflow.HANDLING and selectors.contact_late(
            row.lead_contact_due, row.lead_first_contact, today
        )
    return render(request, template, context)


@permission_required("casework.view")
def case_list(request):
    """Every case the user may see, with filters on kind, status and deadline."""
    return _list(request, selectors.cases_visible_to(request.user), _("办理事项"))


@permission_required("casework.manage")
def overdue_list(request):
    """Office staff: cases past their deadline, most overdue first."""
    today = timezone.localdate()
    qs = selectors.cases_visible_to(request.user)
    nocontact = request.GET.get("due") == "nocontact"
    if not nocontact:
        qs = selectors.overdue(qs, today)
    switch = [("", _("逾期未答复"), not nocontact), ("nocontact", _("未按期联系"), nocontact)]
    return _list(
        request,
        qs,
        _("未按期联系提出人的事项") if nocontact else _("逾期事项"),
        extra={"switch": switch},
    )


@permission_required("casework.supervise")
def key_list(request):
    """Key-supervised cases (rules §1.4) for leaders and staff."""
    return _list(request, selectors.key_cases_for(request.user), _("重点督办事项"))


@permission_required("casework.handle")
def queue(request):
    """A unit officer's queue: to receive, in handling, due soon, overdue, done."""
    today = timezone.localdate()
    tab = request.GET.get("tab") or "receive"
    if tab not in selectors.QUEUE_TABS:
        tab = "receive"
    unit_id = request.user.scope_id
    qs = selectors.queue_for_unit(unit_id, tab, today).defer("case__search_text", "case__summary")
    counts = selectors.cached_queue_counts(unit_id, today)
    # The tab counts and the tab lists share their conditions: the count of a list is already known.
    context = {
        "tab": tab,
        "tabs": [
            ("receive", _("待签收")),
            ("handling", _("办理中")),
            ("soon", _("30天内到期")),
            ("overdue", _("已逾期")),
            ("nocontact", _("未按期联系")),
            ("done", _("已完成")),
        ],
        "counts": counts,
        "today": today,
        **paginate_capped(request, qs, known_count=counts.get(tab), keys_first=True),
    }
    _rows_with_state(context["rows"], today)
    for row in context["rows"]:
        row.contact_late = (
            row.role == "lead"
            and row.case.status in workflow.HANDLING
            and row.contact_late_on(today)
        )
    return render(request, "casework/queue.html", context)


@permission_required("casework.view")
def notification_list(request):
    context = paginate(request, selectors.notifications_for(request.user))
    return render(request, "casework/notifications.html", context)


@permission_required("casework.view")
def unread_badge(request):
    """The top bar's unread count, loaded by htmx after the page so pages pay no query for it."""
    return render(
        request, "casework/_unread.html", {"unread": selectors.unread_count(request.user)}
    )


@require_POST
@permission_required("casework.view")
def notifications_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("casework:notifications")


#: The form of each action the case page offers, by the action's verb.
FORMS = {
    "assign": case_forms.AssignForm,
    "receive": case_forms.EmptyForm,
    "return": case_forms.ReasonForm,
    "extend": case_forms.ReasonForm,
    "co_opinion": case_forms.CoOpinionForm,
    "contact": case_forms.ContactForm,
    "reply": case_forms.ReplyForm,
    "follow_up": case_forms.ReplyForm,
    "publish_reply": case_forms.EmptyForm,
    "withhold_reply": case_forms.ReasonForm,
    "rate": case_forms.RatingForm,
    "verify": case_forms.VerifyForm,
    "override": case_forms.ReasonForm,
    "close": case_forms.ReasonForm,
    "withdraw": case_forms.ReasonForm,
    "key": case_forms.KeyForm,
    "unkey": case_forms.EmptyForm,
    "note": case_forms.NoteForm,
    "merge": case_forms.MergeForm,
}
#: The case page's actions in the page's order: the case's own, then merging it into another.
PAGE_ACTIONS = (*cw.CASE_ACTIONS, cw.case_merge)
#: The case page's actions by verb, in the page's order.
BY_VERB: dict[str, Action] = {a.verb: a for a in PAGE_ACTIONS}


def _form_for(key: str, case: Case, user, data=None, files=None):
    return FORMS[key](data, files, case=case, user=user, prefix=key)


def _detail_context(request, case: Case, bound: dict | None = None):
    today = timezone.localdate()
    user = request.user
    assignments = list(case.assignments.select_related("unit").order_by("role", "id"))
    forms = []
    for act in PAGE_ACTIONS:
        key = act.verb
        if not act.allows(user, case):
            continue
        form = (bound or {}).get(key) or _form_for(key, case, user)
        entry = {"key": key, "spec": act, "form": form, "open": key in (bound or {})}
        if key == "reply":
            # What the reply needs, shown before it can be refused (rules §1.9, §1.10).
            lead = next((a for a in assignments if a.role == Assignment.Role.LEAD), None)
            if lead is not None:
                entry["checks"] = cw.reply_checks(case, lead.unit_id)
                entry["blocked"] = any(not c["met"] for c in entry["checks"])
        forms.append(entry)
    events = present(
        AuditEvent.objects.filter(object_type="casework.case", object_id=str(case.pk)).order_by(
            "-seq"
        )[:TIMELINE_LIMIT]
    )
    for a in assignments:
        a.deadline = deadline_state(a.due_on, today)
    by_pk = {a.pk: a for a in assignments}
    requests = []
    for model, act in ((ReturnRequest, cw.return_decide), (ExtensionRequest, cw.extension_decide)):
        rows = list(model.objects.filter(case=case).select_related("assignment__unit"))
        for r in rows:
            r.case = case
            r.assignment = by_pk.get(r.assignment_id, r.assignment)
            r.decidable = r.status == model.Status.PENDING and act.allows(user, r)
        requests.append(rows)
    return {
        "case": case,
        "assignments": assignments,
        "actions": forms,
        "events": events,
        "today": today,
        "deadline": deadline_state(case.due_on, today),
        "requesters": case.requester_rows.select_related("person"),
        "contacts": case.contacts.select_related("unit"),
        "replies": case.replies.select_related("unit"),
        "ratings": case.ratings.select_related("requester"),
        "notes": case.supervision_notes.select_related("author"),
        "verifications": case.verifications.all(),
        "return_requests": requests[0],
        "extension_requests": requests[1],
    }


@permission_required("casework.view")
def case_detail(request, pk: int):
    case = get_object_or_404(selectors.cases_visible_to(request.user), pk=pk)
    return render(request, "casework/case_detail.html", _detail_context(request, case))


def _reply(d: dict, case: Case) -> dict:
    return {
        "text": d["text"],
        "result_class": d["result_class"],
        "signed_by_name": d["signed_by_name"],
        "publishable": d["publishable"],
        "withhold_reason": d["withhold_reason"],
        "attachment": d.get("attachment"),
    }


def _rating(d: dict, case: Case) -> dict:
    requester = case.requesters.filter(pk=d["requester"]).first() if d.get("requester") else None
    return {"value": d["value"], "comment": d["comment"], "requester": requester}


#: How each action's keyword arguments come from its form's cleaned data.
ARGUMENTS = {
    "assign": lambda d, case: {"lead": d["lead"], "co_handlers": list(d["co_handlers"])},
    "co_opinion": lambda d, case: {"opinion": d["opinion"]},
    "contact": lambda d, case: {
        "contacted_on": d["contacted_on"],
        "method": d["method"],
        "note": d["note"],
    },
    "reply": _reply,
    "follow_up": _reply,
    "rate": _rating,
    "verify": lambda d, case: {"rehandle": d["outcome"] == "rehandle", "finding": d["finding"]},
    "key": lambda d, case: {"leader": d["leader"], "committee": d["committee"]},
    "note": lambda d, case: {"note": d["note"]},
    "merge": lambda d, case: {"into": d["into"]},
}


def _arguments(key: str, d: dict, case: Case) -> dict:
    if key in ARGUMENTS:
        return ARGUMENTS[key](d, case)
    return {"reason": d["reason"]} if "reason" in d else {}


@require_POST
@permission_required("casework.view")
def case_action(request, pk: int, action: str):
    """Run one action from the case page; a refusal shows on its form, with what was typed."""
    case = get_object_or_404(selectors.cases_visible_to(request.user), pk=pk)
    act = BY_VERB.get(action)
    if act is None:
        raise Http404
    form = _form_for(action, case, request.user, request.POST, request.FILES)
    if form.is_valid():
        try:
            act(actor=request.user, case=case, **_arguments(action, form.cleaned_data, case))
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("已完成：{action}。").format(action=act.label))
            return redirect("casework:detail", pk=case.pk)
    case.refresh_from_db()
    context = _detail_context(request, case, bound={action: form})
    if action not in [a["key"] for a in context["actions"]]:
        context["actions"].append({"key": action, "spec": act, "form": form, "open": True})
    return render(request, "casework/case_detail.html", context, status=400)


@require_POST
@permission_required("casework.manage")
def request_decide(request, pk: int, which: str):
    """Staff approve or refuse a return (rules §1.8) or an extension (§1.2) request."""
    found = DECISIONS.get(which)
    if found is None:
        raise Http404
    model, act = found
    req = get_object_or_404(model.objects.select_related("case"), pk=pk)
    form = case_forms.DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择同意或不同意。"))
        return redirect("casework:detail", pk=req.case_id)
    try:
        act(
            actor=request.user,
            request=req,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
    except DomainError as error:
        messages.error(request, error.message_in(request.LANGUAGE_CODE))
    else:
        messages.success(request, _("审批意见已保存。"))
    return redirect("casework:detail", pk=req.case_id)


#: The requests staff decide on the case page, by the URL's ``which``.
DECISIONS = {
    "return": (ReturnRequest, cw.return_decide),
    "extension": (ExtensionRequest, cw.extension_decide),
}
