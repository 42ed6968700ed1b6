"""Back-office pages of supervision: inquiries."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import paginate, permission_required

from .. import forms, selectors, services
from ..models import (
    InquiryQuestion,
    InquirySession,
    InquiryTopic,
    Report,
)
from ._common import _error, _run

# -- inquiries ---------------------------------------------------------------------------------

#: The session's actions, as the detail page offers them (``act/<verb>/``); ``answer`` acts
#: on one of its questions. Compiling the inquiry opinion is the opinions' (``compile``).
INQUIRY_ACTIONS = (
    services.inquiry_question_add,
    services.inquiry_hold,
)


@permission_required("supervision.view_overview")
def inquiry_list(request):
    return render(
        request,
        "supervision/inquiry_list.html",
        {
            **paginate(request, selectors.inquiries_list().order_by("-id")),
            "form": forms.InquiryForm(),
            "can_create": services.inquiry_create.allows(request.user),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inquiry_create(request):
    form = forms.InquiryForm(request.POST)
    made = {}

    def call(d):
        respondents = []
        for person in d["respondents"]:
            m = (
                person.memberships.filter(
                    organization__kind__in=forms.SUPERVISED_KINDS,
                    end_date__isnull=True,
                    post__isnull=False,
                )
                .select_related("organization", "post")
                .first()
            )
            if m is None:
                raise DomainError(
                    "respondent_invalid", _("应询人不属于本次专题询问。"), field="respondents"
                )
            respondents.append((person, m.organization, m.post.label))
        report = Report.objects.filter(meeting=d["meeting"]).first()
        made["s"] = services.inquiry_create(
            actor=request.user,
            title=d["title"],
            meeting=d["meeting"],
            report=report,
            form=d["form"],
            respondents=respondents,
        )

    if _run(request, form, call, _("专题询问已建立。")):
        return redirect("supervision:inquiry_detail", pk=made["s"].pk)
    return redirect("supervision:inquiries")


@permission_required("supervision.view_overview")
def inquiry_detail(request, pk: int):
    session = get_object_or_404(InquirySession.objects.select_related("meeting", "report"), pk=pk)
    user = request.user
    questions = list(session.questions.select_related("asker", "respondent__person"))
    for q in questions:
        q.can_answer = services.inquiry_answer_record.allows(user, q)
    return render(
        request,
        "supervision/inquiry_detail.html",
        {
            "session": session,
            "respondents": session.respondents.select_related("person", "organization"),
            "questions": questions,
            "opinions": session.opinions.select_related("body"),
            "actions": available(user, session, INQUIRY_ACTIONS),
            "can_compile": user.has_perm("supervision.manage")
            and session.status != InquirySession.Status.PLANNED,
            "question_form": forms.QuestionForm(session=session),
            "hold_form": forms.HoldForm(session=session),
            "opinion_form": forms.OpinionForm(),
        },
    )


@require_POST
@permission_required("supervision.manage")
def inquiry_act(request, pk: int, action: str):
    session = get_object_or_404(InquirySession, pk=pk)
    user, post = request.user, request.POST
    # ``compile`` is the opinions' (services.opinion_compile checks its own permission).
    act = next(
        (a for a in (*INQUIRY_ACTIONS, services.inquiry_answer_record) if a.verb == action), None
    )
    if act is not None and not act.permits(user, session):
        raise PermissionDenied
    if action == "question":

        def call(d):
            respondent = session.respondents.get(person=d["respondent"])
            services.inquiry_question_add(
                actor=user,
                session=session,
                asker=d["asker"],
                respondent=respondent,
                question=d["question"],
                answer=d["answer"],
            )

        _run(request, forms.QuestionForm(post, session=session), call, _("已登记询问。"))
    elif action == "answer":
        q = get_object_or_404(InquiryQuestion, pk=post.get("question") or 0, session=session)
        try:
            services.inquiry_answer_record(actor=user, question=q, answer=post.get("answer", ""))
            messages.success(request, _("已登记。"))
        except DomainError as error:
            _error(request, error)
    elif action == "hold":
        _run(
            request,
            forms.HoldForm(post, session=session),
            lambda d: services.inquiry_hold(
                actor=user,
                session=session,
                attended=[p.pk for p in d["attended"]],
                summary=d["summary"],
            ),
            _("已登记专题询问举行情况。"),
        )
    elif action == "compile":
        made = {}

        def call(d):
            made["o"] = services.opinion_compile(
                actor=user, inquiry=session, text=d["text"], title=d["title"]
            )

        if _run(request, forms.OpinionForm(post), call, _("询问意见已整理。")):
            return redirect("supervision:opinion_detail", pk=made["o"].pk)
    else:
        raise Http404
    return redirect("supervision:inquiry_detail", pk=session.pk)


@permission_required("supervision.view_overview", "supervision.propose_topic", any_of=True)
def inquiry_topics(request):
    """Special-inquiry topics proposed jointly by deputies (§3.5)."""
    qs = InquiryTopic.objects.prefetch_related("proposers").order_by("-year", "-id")
    return render(
        request,
        "supervision/inquiry_topics.html",
        {
            **paginate(request, qs),
            "can_propose": services.inquiry_topic_propose.allows(request.user),
            "form": forms.InquiryTopicForm(initial={"year": timezone.localdate().year + 1}),
        },
    )


@require_POST
@permission_required("supervision.propose_topic")
def inquiry_topic_create(request):
    _run(
        request,
        forms.InquiryTopicForm(request.POST),
        lambda d: services.inquiry_topic_propose(
            actor=request.user,
            year=d["year"],
            title=d["title"],
            reason=d["reason"],
            proposers=list(d["proposers"]),
        ),
        _("专题询问议题建议已提出。"),
    )
    return redirect("supervision:inquiry_topics")
