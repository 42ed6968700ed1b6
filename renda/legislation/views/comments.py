"""The office's comment pages: the moderation queue, recording a contact point's or a
letter's comment, and the contact points."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.views import add_domain_error, paginate, permission_required

from .. import forms as f
from .. import services
from ..models import ContactPoint, Provision, PublicComment

C = PublicComment.Status
SUCCESS = {"publish": _("意见已公开。"), "withhold": _("意见不予公开。")}


def _queue(status: str):
    qs = PublicComment.objects.select_related("version__project", "provision", "contact_point")
    if status in C.values:
        qs = qs.filter(status=status)
    return qs.order_by("received_at", "id") if status == C.PENDING else qs.order_by("-received_at", "-id")  # fmt: skip


@permission_required("legislation.manage")
def comment_list(request, bound=None, status_code=200):
    status = request.GET.get("status", C.PENDING)
    return render(
        request,
        "legislation/comment_list.html",
        {
            "status": status,
            "statuses": C.choices,
            "bound": bound or {},
            "withhold_form": f.ReasonForm(auto_id="withhold_%s"),
            **paginate(request, _queue(status)),
        },
        status=status_code,
    )


@require_POST
@permission_required("legislation.manage")
def comment_act(request, pk: int, verb: str):
    """Publish or withhold one comment: the verbs of ``services.COMMENT_ACTIONS``."""
    comment = get_object_or_404(PublicComment, pk=pk)
    act = {a.verb: a for a in services.COMMENT_ACTIONS}.get(verb)
    form = f.ReasonForm(request.POST, auto_id="withhold_%s") if verb == "withhold" else f.EmptyForm(request.POST)  # fmt: skip
    if act is not None and form.is_valid():
        try:
            act(actor=request.user, comment=comment, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message_in(request.LANGUAGE_CODE))
        else:
            messages.success(request, SUCCESS[verb])
            return redirect(request.POST.get("next") or "legislation:comments")
    elif act is None:
        messages.error(request, _("无法办理。"))
    else:
        messages.error(request, _("请填写不予公开的理由。"))
    return comment_list(request, bound={comment.pk: form}, status_code=400)


@permission_required("legislation.manage")
def comment_record(request):
    form = f.RecordCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        label = data.pop("provision_label").strip()
        provision = None
        if label:
            provision = Provision.objects.filter(version=data["version"], label=label).first()
        if label and provision is None:
            form.add_error("provision_label", _("该草案版本中没有“{label}”。").format(label=label))
        else:
            try:
                services.comment_record(actor=request.user, provision=provision, **data)
            except DomainError as error:
                add_domain_error(form, error, request.LANGUAGE_CODE)
            else:
                messages.success(request, _("意见已登记，待审核后公开。"))
                return redirect("legislation:comments")
    return render(
        request,
        "legislation/form.html",
        {
            "form": form,
            "title": _("登记联系点或来信意见"),
            "cancel_url": "legislation:comments",
            "help": _(
                "基层立法联系点收集的意见和群众来信，登记到所涉草案版本和条文；登记后同网上意见一样审核、归类。"
            ),
        },  # fmt: skip
        status=400 if request.method == "POST" else 200,
    )


def contact_point_rows():
    return ContactPoint.objects.annotate(
        comment_count=Count("comments"),
        project_count=Count("comments__version__project", distinct=True),
        adopted=Count("comments", filter=Q(comments__group__handling__in=["adopted", "partly"])),
    ).order_by("-active", "name")


@permission_required("legislation.view")
def contact_point_list(request):
    return render(
        request,
        "legislation/contact_point_list.html",
        {
            "can_manage": request.user.has_perm("legislation.manage"),
            **paginate(request, contact_point_rows()),
        },  # fmt: skip
    )


@permission_required("legislation.manage")
def contact_point_create(request):
    form = f.ContactPointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_point_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("联系点已设立。"))
            return redirect("legislation:contact_points")
    return render(
        request,
        "legislation/form.html",
        {
            "form": form,
            "title": _("设立基层立法联系点"),
            "cancel_url": "legislation:contact_points",
            "help": _(
                "基层立法联系点听取基层群众对法规草案的意见（立法法第90条）；设立后在网站公开，可登记其收集的意见。"
            ),
        },  # fmt: skip
        status=400 if request.method == "POST" else 200,
    )
