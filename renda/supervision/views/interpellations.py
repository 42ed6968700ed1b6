"""Back-office pages of supervision: interpellations."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.views import paginate, permission_required

from .. import forms, selectors, services
from ..models import (
    Interpellation,
)
from ._common import _run

# -- interpellations ---------------------------------------------------------------------------

#: The interpellation's actions, as the detail page offers them (``act/<verb>/``).
INTERPELLATION_ACTIONS = (
    services.interpellation_decide,
    services.interpellation_answer,
    services.interpellation_feedback,
)


@permission_required("supervision.view_overview", "supervision.interpellate", any_of=True)
def interpellation_list(request):
    return render(
        request,
        "supervision/interpellation_list.html",
        {
            **paginate(request, selectors.interpellations_list().order_by("-id")),
            "form": forms.InterpellationForm(),
            "can_submit": services.interpellation_submit.allows(request.user),
        },
    )


@require_POST
@permission_required("supervision.interpellate")
def interpellation_create(request):
    made = {}

    def call(d):
        made["i"] = services.interpellation_submit(
            actor=request.user,
            title=d["title"],
            text=d["text"],
            body=d["body"],
            signers=list(d["signers"]),
        )

    if _run(request, forms.InterpellationForm(request.POST), call, _("质询案已提出。")):
        return redirect("supervision:interpellation_detail", pk=made["i"].pk)
    return redirect("supervision:interpellations")


@permission_required("supervision.view_overview", "supervision.interpellate", any_of=True)
def interpellation_detail(request, pk: int):
    interp = get_object_or_404(
        Interpellation.objects.select_related("body", "answer_meeting"), pk=pk
    )
    return render(
        request,
        "supervision/interpellation_detail.html",
        {
            "interp": interp,
            "signers": interp.signer_rows.select_related("person"),
            "actions": available(request.user, interp, INTERPELLATION_ACTIONS),
            "decide_form": forms.DecideModeForm(),
            "answer_form": forms.AnswerForm(),
            "feedback_form": forms.FeedbackForm(interpellation=interp),
        },
    )


@require_POST
@permission_required("supervision.decide")
def interpellation_act(request, pk: int, action: str):
    interp = get_object_or_404(Interpellation, pk=pk)
    user, post = request.user, request.POST
    act = next((a for a in INTERPELLATION_ACTIONS if a.verb == action), None)
    if act is None:
        raise Http404
    if not act.permits(user, interp):
        raise PermissionDenied
    if action == "decide":
        _run(
            request,
            forms.DecideModeForm(post),
            lambda d: services.interpellation_decide(
                actor=user,
                interpellation=interp,
                mode=d["mode"],
                answer_meeting=d["answer_meeting"],
            ),
            _("已登记主任会议决定。"),
        )
    elif action == "answer":
        _run(
            request,
            forms.AnswerForm(post),
            lambda d: services.interpellation_answer(
                actor=user, interpellation=interp, answer=d["answer"], answered_by=d["answered_by"]
            ),
            _("已登记答复。"),
        )
    elif action == "feedback":
        _run(
            request,
            forms.FeedbackForm(post, interpellation=interp),
            lambda d: services.interpellation_feedback(
                actor=user, interpellation=interp, dissatisfied=[p.pk for p in d["dissatisfied"]]
            ),
            _("已登记提出人意见。"),
        )
    return redirect("supervision:interpellation_detail", pk=interp.pk)
