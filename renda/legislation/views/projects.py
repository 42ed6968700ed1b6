"""Legislative project pages: the list, registering a project, a project's page with its
steps, a draft version with its articles, and two versions compared article by article."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.core.statute import param
from renda.core.views import add_domain_error, paginate, permission_required

from .. import documents, selectors, services
from .. import forms as f
from ..models import DraftVersion, Project
from ._steps import step_forms, step_post

FORMS = {
    "argue": f.ArgueForm,
    "add_version": f.VersionForm,
    "submit": f.SubmitForm,
    "open_comment": f.OpenCommentForm,
    "fewer_readings": f.FewerReadingsForm,
    "schedule_reading": f.MeetingForm,
    "record_reading": f.RecordReadingForm,
    "review": f.ReviewForm,
    "put_to_vote": f.MeetingForm,
    "record_vote": f.EmptyForm,
    "send_for_approval": f.SentForm,
    "record_approval": f.ApprovalForm,
    "promulgate": f.PromulgateForm,
    "group_comments": f.GroupForm,
    "decide_group": f.DecideGroupForm,
    "publish_feedback": f.FeedbackForm,
    "withdraw": f.ReasonForm,
    "terminate": f.ReasonForm,
    "plan_consultation": f.ConsultationForm,
    "plan_evaluation": f.EvaluationForm,
    "add_interpretation": f.InterpretationForm,
}
#: Forms that need the project to list its versions, readings, comments or groups.
NEEDS_PROJECT = {"open_comment", "record_reading", "group_comments", "decide_group"}
SUCCESS = {
    "argue": _("已登记立项论证。"),
    "add_version": _("草案文本已登记。"),
    "submit": _("已登记提请审议。"),
    "open_comment": _("草案已公布征求意见。"),
    "schedule_reading": _("已列入会议议程。"),
    "record_reading": _("审议情况已登记。"),
    "put_to_vote": _("已列入表决。"),
    "plan_consultation": _("已安排。"),
    "plan_evaluation": _("评估已开始。"),
    "add_interpretation": _("已登记，随法规公开。"),
    "*": _("已办理。"),
}


def _make(verb: str, project: Project, data):
    cls = FORMS[verb]
    kwargs = {"project": project} if verb in NEEDS_PROJECT else {}
    return cls(data, auto_id=f"{verb}_%s", **kwargs)


@permission_required("legislation.view")
def project_list(request):
    status, q = request.GET.get("status", "open"), request.GET.get("q", "").strip()[:50]
    return render(
        request,
        "legislation/project_list.html",
        {
            "can_manage": request.user.has_perm("legislation.manage"),
            "status": status,
            "q": q,
            "statuses": Project.Status.choices,
            **paginate(request, selectors.projects(status=status, q=q)),
        },
    )


@permission_required("legislation.manage")
def project_create(request):
    form = f.ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, request.LANGUAGE_CODE)
        else:
            messages.success(request, _("立法项目已登记，请登记立项论证。"))
            return redirect("legislation:project_detail", pk=project.pk)
    return render(
        request,
        "legislation/form.html",
        {
            "form": form,
            "title": _("登记立法项目"),
            "cancel_url": "legislation:projects",
            "help": _(
                "从立法计划登记的，选择计划项目；计划外提出的法规案也可登记。立项后依次进行立项论证、起草、提请审议。"
            ),
        },  # fmt: skip
        status=400 if request.method == "POST" else 200,
    )


NEXT = {
    Project.Status.PROPOSED: "argue",
    Project.Status.SUBMITTED: "schedule_reading",
    Project.Status.REVIEWED: "put_to_vote",
    Project.Status.VOTING: "record_vote",
    Project.Status.PASSED: "send_for_approval",
    Project.Status.AWAITING_APPROVAL: "record_approval",
    Project.Status.APPROVED: "promulgate",
}


def _next_step(project: Project, forms: dict) -> str:
    """The step the procedure expects now, among those the user may take."""
    wanted = NEXT.get(project.status, "")
    if project.status == Project.Status.DRAFTING:
        wanted = "submit" if project.versions.exists() else "add_version"
    elif project.status == Project.Status.IN_READING:
        held = sum(1 for r in project.readings.all() if r.status == "held")
        waiting = any(r.status == "scheduled" for r in project.readings.all())
        wanted = "record_reading" if waiting else "review" if held >= project.readings_required else "schedule_reading"  # fmt: skip
    return wanted if wanted in forms else ""


def _page(request, project: Project, bound=None, status=200):
    project = selectors.project_detail(project.pk)
    allowed, forms = step_forms(request, project, services.PROJECT_ACTIONS, _make, bound)
    if (
        "record_reading" in forms
        and not forms["record_reading"].fields["reading"].queryset.exists()
    ):
        forms.pop("record_reading")
    if (
        "group_comments" in forms
        and not forms["group_comments"].fields["comments"].queryset.exists()
    ):
        forms.pop("group_comments")
    if "decide_group" in forms and not forms["decide_group"].fields["group"].queryset.exists():
        forms.pop("decide_group")
    today = timezone.localdate()
    versions = list(project.versions.all())
    return render(
        request,
        "legislation/project_detail.html",
        {
            "project": project,
            "forms": forms,
            # The procedure's next step opens; the others stay folded under their titles.
            "first_step": _next_step(project, forms),
            "versions": versions,
            "readings": list(project.readings.all()),
            "held": sum(1 for r in project.readings.all() if r.status == "held"),
            "groups": selectors.groups_for(project),
            "consultations": project.consultations.order_by("-held_on", "-id"),
            "evaluations": project.evaluations.select_related("follow_up").order_by("-started_on"),
            "comment_count": selectors.comments_for(project).count(),
            "approval_overdue": selectors.approval_overdue(project, today),
            "shelved_since": selectors.shelved_since(project, today),
            "normal_readings": param("legislation.readings"),
            "lead_days": param("legislation.draft_to_members_days"),
            "comment_days": param("legislation.comment_days"),
            "approval_months": param("legislation.approval_months"),
            "today": today,
        },
        status=status,
    )


@permission_required("legislation.view")
def project_detail(request, pk: int):
    return _page(request, get_object_or_404(Project, pk=pk))


@require_POST
@permission_required("legislation.manage")
def project_act(request, pk: int, verb: str):
    """One step of the procedure: the verbs of ``services.PROJECT_ACTIONS``."""
    project = get_object_or_404(Project, pk=pk)
    return step_post(
        request, project, services.PROJECT_ACTIONS, verb, make=_make, keyword="project",
        success=SUCCESS, done="legislation:project_detail", page=_page,
    )  # fmt: skip


@permission_required("legislation.view")
def version_detail(request, pk: int):
    version = get_object_or_404(DraftVersion.objects.select_related("project"), pk=pk)
    return render(
        request,
        "legislation/version_detail.html",
        {
            "version": version,
            "provisions": selectors.provisions_with_counts(version, public=False),
            "others": version.project.versions.exclude(pk=version.pk).order_by("number"),
        },
    )


def comparison_context(request, version: DraftVersion, public: bool) -> dict:
    """The two versions to compare (``?with=`` another version of the same project, the one
    before by default) and the rows."""
    others = version.project.versions.exclude(pk=version.pk).order_by("number")
    if public:
        others = others.filter(comment_opens_on__isnull=False)
    wanted = request.GET.get("with", "")
    other = others.filter(pk=wanted).first() if wanted.isdigit() else None
    if other is None:
        other = (
            others.filter(number__lt=version.number).order_by("-number").first() or others.first()
        )
    if other is None:
        raise Http404
    old, new = (other, version) if other.number < version.number else (version, other)
    rows, counts = selectors.compare(old, new)
    return {
        "old": old,
        "new": new,
        "rows": rows,
        "counts": counts,
        "others": others,
        "version": version,
    }


@permission_required("legislation.view")
def version_docx(request, pk: int):
    """The draft as Word, lines numbered."""
    version = get_object_or_404(DraftVersion.objects.select_related("project"), pk=pk)
    return download(documents.draft_docx(version), documents.DOCX_TYPE, f"draft-{version.pk}.docx")


@permission_required("legislation.view")
def version_pdf(request, pk: int):
    """The draft as PDF, every printed line numbered."""
    version = get_object_or_404(DraftVersion.objects.select_related("project"), pk=pk)
    return download(documents.draft_pdf(version), documents.PDF_TYPE, f"draft-{version.pk}.pdf")


@permission_required("legislation.manage")
def comments_xlsx(request, pk: int):
    """The comment summary (意见汇总表) of a project: never a writer's contact."""
    project = get_object_or_404(Project, pk=pk)
    return download(
        documents.comments_xlsx(project), documents.XLSX_TYPE, f"comments-{project.pk}.xlsx"
    )


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required("legislation.view")
def version_compare(request, pk: int):
    version = get_object_or_404(DraftVersion.objects.select_related("project"), pk=pk)
    return render(request, "legislation/compare.html", comparison_context(request, version, public=False))  # fmt: skip
