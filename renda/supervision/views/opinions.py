"""Back-office pages of supervision: opinions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.pages import perform
from renda.core.views import paginate, permission_required
from renda.people.exports import xlsx_response

from .. import documents, forms, selectors, services
from ..models import (
    Evaluation,
    Opinion,
)
from ._common import _sc_name

# -- opinions ----------------------------------------------------------------------------------


@permission_required("supervision.view")
def opinion_list(request):
    qs = selectors.opinions_visible_to(request.user).order_by("-id")
    status = request.GET.get("status")
    if status in Opinion.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "supervision/opinion_list.html",
        {
            **paginate(request, qs),
            "statuses": Opinion.Status.choices,
            "status": status,
            "can_export": request.user.has_perm("supervision.manage"),
        },
    )


@permission_required("supervision.manage")
def opinion_export(request):
    qs = (
        selectors.opinions_visible_to(request.user).order_by("-id").prefetch_related("rounds__case")
    )
    headers = [
        _("标题"),
        _("类别"),
        _("研究处理机关"),
        _("状态"),
        _("送交期限"),
        _("送交日期"),
        _("办理轮次"),
        _("答复期限"),
        _("测评不满意次数"),
    ]

    def rows():
        for o in qs:
            rounds = list(o.rounds.all())
            last = rounds[-1] if rounds else None
            yield [
                o.title,
                o.get_origin_display(),
                o.body.name,
                o.get_status_display(),
                o.send_due_on or "",
                o.sent_on or "",
                len(rounds),
                last.case.due_on if last and last.case.due_on else "",
                o.failures,
            ]

    return xlsx_response("supervision-opinions", _("审议意见"), headers, rows())


def _visible_opinion(request, pk: int) -> Opinion:
    return get_object_or_404(selectors.opinions_visible_to(request.user), pk=pk)


#: The opinion's actions, as the detail page offers them (``act/<verb>/``).
OPINION_ACTIONS = (
    services.opinion_update,
    services.opinion_send,
    services.handling_report_schedule,
    services.evaluation_create,
    services.opinion_rehandle,
    services.opinion_follow_up,
    services.opinion_close,
)


def _pending_evaluation(current) -> Evaluation | None:
    ev = getattr(current, "evaluation", None) if current else None
    return ev if ev is not None and ev.result == Evaluation.Result.PENDING else None


def opinion_actions(user, opinion: Opinion, current=None) -> frozenset[str]:
    """The verbs ``user`` may take on ``opinion`` now, taking its evaluation's result included."""
    allowed = set(available(user, opinion, OPINION_ACTIONS))
    pending = _pending_evaluation(current)
    if pending is not None and services.evaluation_conclude.allows(user, pending):
        allowed.add(services.evaluation_conclude.verb)
    return frozenset(allowed)


@permission_required("supervision.view")
def opinion_detail(request, pk: int):
    opinion = _visible_opinion(request, pk)
    rounds = selectors.rounds_of(opinion)
    for r in rounds:
        ev = getattr(r, "evaluation", None)
        r.result = selectors.sealed_result(ev) if ev else None
    current = rounds[-1] if rounds else None
    today = timezone.localdate()
    return render(
        request,
        "supervision/opinion_detail.html",
        {
            "opinion": opinion,
            "rounds": rounds,
            "current": current,
            "can_manage": request.user.has_perm("supervision.manage"),
            "actions": opinion_actions(request.user, opinion, current),
            "today": today,
            "send_late": bool(
                opinion.send_due_on and (opinion.sent_on or today) > opinion.send_due_on
            ),
            "edit_form": forms.OpinionForm(initial={"title": opinion.title, "text": opinion.text}),
            "meeting_form": forms.MeetingForm(),
            "note_form": forms.NoteForm(),
            "pending_evaluation": getattr(current, "evaluation", None) if current else None,
        },
    )


@require_POST
@permission_required("supervision.view")
def opinion_act(request, pk: int, action: str):
    opinion = get_object_or_404(Opinion, pk=pk)
    post = request.POST
    if action == "edit":
        perform(
            request,
            services.opinion_update,
            form=forms.OpinionForm(post),
            opinion=opinion,
            success=_("已保存。"),
        )
    elif action == "schedule_report":
        perform(
            request,
            services.handling_report_schedule,
            form=forms.MeetingForm(post),
            opinion=opinion,
            success=_("研究处理情况报告已列入会议议程。"),
        )
    elif action in ("rehandle", "follow_up"):
        perform(
            request,
            services.opinion_rehandle if action == "rehandle" else services.opinion_follow_up,
            form=forms.NoteForm(post),
            opinion=opinion,
            success=_("已交办新一轮研究处理。"),
        )
    elif action == "send":
        perform(
            request, services.opinion_send, opinion=opinion, success=_("审议意见已送交研究处理。")
        )
    elif action == "evaluate":
        perform(
            request,
            services.evaluation_create,
            opinion=opinion,
            success=_("满意度测评表决已建立，请在会议表决控制台开始表决。"),
        )
    elif action == "conclude":
        if not services.evaluation_conclude.permits(request.user):
            raise PermissionDenied
        rnd = services.current_round(opinion)
        ev = Evaluation.objects.filter(round=rnd).first() if rnd else None
        if ev is None:
            raise Http404
        perform(request, services.evaluation_conclude, evaluation=ev, success=_("测评结果已登记。"))
    elif action == "close":
        perform(request, services.opinion_close, opinion=opinion, success=_("已办结。"))
    else:
        raise Http404
    return redirect("supervision:opinion_detail", pk=opinion.pk)


@permission_required("supervision.view")
def opinion_letter(request, pk: int):
    opinion = _visible_opinion(request, pk)
    data = documents.opinion_letter(opinion=opinion, sc_name=_sc_name(), today=timezone.localdate())
    response = HttpResponse(data, content_type=documents.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="opinion-{opinion.pk}.docx"'
    return response
