"""Back-office pages of supervision: opinions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.views import paginate, permission_required
from renda.people.exports import xlsx_response

from .. import documents, forms, selectors, services
from ..models import (
    Evaluation,
    Opinion,
)
from ._common import _error, _run, _sc_name

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


@permission_required("supervision.view")
def opinion_detail(request, pk: int):
    opinion = _visible_opinion(request, pk)
    rounds = selectors.rounds_of(opinion)
    for r in rounds:
        ev = getattr(r, "evaluation", None)
        r.result = selectors.sealed_result(ev) if ev else None
    manage = request.user.has_perm("supervision.manage")
    current = rounds[-1] if rounds else None
    today = timezone.localdate()
    return render(
        request,
        "supervision/opinion_detail.html",
        {
            "opinion": opinion,
            "rounds": rounds,
            "current": current,
            "can_manage": manage,
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


DONE_MESSAGES = {
    "send": _("审议意见已送交研究处理。"),
    "evaluate": _("满意度测评表决已建立，请在会议表决控制台开始表决。"),
    "conclude": _("测评结果已登记。"),
    "close": _("已办结。"),
}


@require_POST
@permission_required("supervision.manage")
def opinion_act(request, pk: int, action: str):
    opinion = get_object_or_404(Opinion, pk=pk)
    user, post = request.user, request.POST
    if action == "edit":
        _run(
            request,
            forms.OpinionForm(post),
            lambda d: services.opinion_update(
                actor=user, opinion=opinion, text=d["text"], title=d["title"]
            ),
            _("已保存。"),
        )
    elif action == "schedule_report":
        _run(
            request,
            forms.MeetingForm(post),
            lambda d: services.handling_report_schedule(
                actor=user, opinion=opinion, meeting=d["meeting"]
            ),
            _("研究处理情况报告已列入会议议程。"),
        )
    elif action in ("rehandle", "follow_up"):
        service = services.opinion_rehandle if action == "rehandle" else services.opinion_follow_up
        _run(
            request,
            forms.NoteForm(post),
            lambda d: service(actor=user, opinion=opinion, note=d["note"]),
            _("已交办新一轮研究处理。"),
        )
    elif action in ("send", "evaluate", "conclude", "close"):
        try:
            if action == "send":
                services.opinion_send(actor=user, opinion=opinion)
            elif action == "evaluate":
                services.evaluation_create(actor=user, opinion=opinion)
            elif action == "conclude":
                rnd = services.current_round(opinion)
                ev = Evaluation.objects.filter(round=rnd).first() if rnd else None
                if ev is None:
                    raise Http404
                services.evaluation_conclude(actor=user, evaluation=ev)
            else:
                services.opinion_close(actor=user, opinion=opinion)
        except DomainError as error:
            _error(request, error)
        else:
            messages.success(request, DONE_MESSAGES[action])
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
