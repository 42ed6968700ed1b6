"""Public pages of local legislation (S5; 立法法 第40、56、89、90条): drafts published for
comment, read article by article, with a comment form per article and the comments the
office made public; versions compared; the published plans; how comments were handled once
a regulation passed; the grassroots contact points.

A public page never shows a writer's name or contact: comments are loaded with only their
text, article and date.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from renda.core.errors import DomainError
from renda.core.throttle import rate_limited
from renda.legislation import selectors, services
from renda.legislation.forms import CommentForm, RegisterForm, TrackForm
from renda.legislation.models import (
    Consultation,
    ContactPoint,
    DraftVersion,
    Plan,
    PlanItem,
    Project,
)
from renda.legislation.views.projects import comparison_context


def _public_version(pk: int) -> DraftVersion:
    version = DraftVersion.objects.select_related("project").filter(pk=pk, comment_opens_on__isnull=False).first()  # fmt: skip
    if version is None:
        raise Http404
    return version


@require_safe
def index(request):
    today = timezone.localdate()
    drafts = list(selectors.commented_versions()[:40])
    return render(
        request,
        "portal/legislation/index.html",
        {
            "open_drafts": [v for v in drafts if v.open_for_comment(today)],
            "closed_drafts": [v for v in drafts if not v.open_for_comment(today)],
            "plans": Plan.objects.filter(status=Plan.Status.PUBLISHED).order_by(
                "-year_from", "kind"
            )[:10],  # fmt: skip
            "passed": Project.objects.filter(feedback_published_at__isnull=False).order_by(
                "-feedback_published_at"
            )[:20],  # fmt: skip
            "points": ContactPoint.objects.filter(active=True).count(),
            "hearings": Consultation.objects.filter(kind=Consultation.Kind.HEARING)
            .exclude(status=Consultation.Status.CANCELLED)
            .select_related("project")
            .order_by("-held_on")[:10],
        },
    )


@require_safe
def draft_detail(request, pk: int):
    version = _public_version(pk)
    today = timezone.localdate()
    return render(
        request,
        "portal/legislation/draft.html",
        {
            "version": version,
            "open": version.open_for_comment(today),
            "provisions": selectors.provisions_with_counts(version, public=True),
            "comments": selectors.published_comments(version)[:200],
            "earlier": version.project.versions.filter(
                comment_opens_on__isnull=False, number__lt=version.number
            )
            .order_by("-number")
            .first(),  # fmt: skip
        },
    )


def _throttled(request) -> bool:
    per_hour = rate_limited(request, "legislation-comment-hour", limit=settings.VOTER_MESSAGES_PER_HOUR, window=3600)  # fmt: skip
    return rate_limited(request, "legislation-comment") or per_hour


@require_http_methods(["GET", "POST"])
def draft_comment(request, pk: int):
    """The comment form, on the whole draft or the article named by ``?article=``."""
    version = _public_version(pk)
    wanted = request.POST.get("provision") or request.GET.get("article") or ""
    provision = version.provisions.filter(pk=wanted, kind="article").first() if str(wanted).isdigit() else None  # fmt: skip
    form = CommentForm(request.POST or None, initial={"provision": provision.pk if provision else None})  # fmt: skip
    context = {"version": version, "provision": provision, "form": form}
    if request.method == "POST":
        if _throttled(request):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            return render(request, "portal/legislation/comment.html", context, status=429)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("provision", None)
            try:
                comment = services.comment_submit(actor=request.user, version=version, provision=provision, **data)  # fmt: skip
            except DomainError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message_in(request.LANGUAGE_CODE))
            else:
                return render(request, "portal/legislation/comment_sent.html", {"c": comment, "version": version})  # fmt: skip
        return render(request, "portal/legislation/comment.html", context, status=400)
    if not version.open_for_comment(timezone.localdate()):
        return render(request, "portal/legislation/comment.html", {**context, "closed": True}, status=200)  # fmt: skip
    return render(request, "portal/legislation/comment.html", context)


@require_http_methods(["GET", "POST"])
def track(request):
    """The writer types the code (a POST, so that codes stay out of address bars and logs)."""
    form = TrackForm(request.POST or None)
    comment, status = None, 200
    if request.method == "POST":
        if rate_limited(request, "legislation-comment-track"):
            form.add_error(None, _("查询过于频繁，请一分钟后再试。"))
            status = 429
        elif form.is_valid():
            try:
                comment = services.by_code(form.cleaned_data["code"])
            except DomainError as error:
                form.add_error("code", error.message_in(request.LANGUAGE_CODE))
                status = 404
        else:
            status = 400
    return render(request, "portal/legislation/track.html", {"form": form, "c": comment}, status=status)  # fmt: skip


@require_safe
def draft_compare(request, pk: int):
    version = _public_version(pk)
    return render(request, "portal/legislation/compare.html", comparison_context(request, version, public=True))  # fmt: skip


@require_safe
def plan_detail(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk, status=Plan.Status.PUBLISHED)
    items = plan.items.select_related("project").order_by("status", "category", "id")
    return render(request, "portal/legislation/plan.html", {"plan": plan, "items": items, "listed": PlanItem.Status.LISTED})  # fmt: skip


def _public_regulations():
    """Regulations promulgated, or passed with their feedback published."""
    return Project.objects.filter(
        Q(status=Project.Status.PROMULGATED) | Q(feedback_published_at__isnull=False)
    )


@require_safe
def regulations(request):
    """The regulations made, searchable by title; in force, or not yet in force."""
    q = request.GET.get("q", "").strip()[:50]
    state = request.GET.get("state", "")
    today = timezone.localdate()
    qs = _public_regulations().order_by("-promulgated_on", "-id")
    if q:
        qs = qs.filter(title__icontains=q)
    if state == "in_force":
        qs = qs.filter(status=Project.Status.PROMULGATED, effective_on__lte=today)
    elif state == "pending":
        qs = qs.exclude(status=Project.Status.PROMULGATED, effective_on__lte=today)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request, "portal/legislation/regulations.html",
        {"page_obj": page, "q": q, "state": state, "today": today, "querystring_without_page": params.urlencode()},
    )  # fmt: skip


@require_safe
def feedback(request, pk: int):
    """A regulation: its status and dates, the text as passed, its public versions, how the
    public's comments were handled (第40条), its evaluations and the documents filed under it."""
    from renda.filings.selectors import public_filings

    project = get_object_or_404(_public_regulations(), pk=pk)
    final = project.versions.order_by("-number").first()
    return render(
        request,
        "portal/legislation/feedback.html",
        {
            "project": project,
            "in_force": project.in_force_on(timezone.localdate()),
            "groups": selectors.groups_for(project),
            "final": final,
            "provisions": final.provisions.order_by("ordinal") if final else [],
            "versions": project.versions.filter(comment_opens_on__isnull=False).order_by("number"),
            "evaluations": project.evaluations.filter(status="reported").order_by("-reported_on"),
            "interpretations": project.interpretations.order_by("-adopted_on", "-id"),
            "filings": public_filings(q="").filter(legal_basis__icontains=project.title)[:20],
        },
    )


@require_safe
def contact_points(request):
    points = ContactPoint.objects.filter(active=True).annotate(n=Count("comments")).order_by("name")
    return render(request, "portal/legislation/contact_points.html", {"points": points})


@require_http_methods(["GET", "POST"])
def hearing(request, pk: int):
    """A hearing's notice and, until registration closes, the form to ask to speak; the
    speakers chosen are listed by their side only, never by name or contact."""
    h = get_object_or_404(Consultation.objects.select_related("project"), pk=pk, kind=Consultation.Kind.HEARING)  # fmt: skip
    open_now = h.status == Consultation.Status.PLANNED and timezone.localdate() <= h.registration_closes_on  # fmt: skip
    form = RegisterForm(request.POST or None) if open_now else None
    status, done = 200, False
    if request.method == "POST":
        if form is None:
            status = 409
        elif rate_limited(request, "legislation-hearing"):
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            status = 429
        elif form.is_valid():
            try:
                services.consultation_register(
                    actor=request.user, consultation=h, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message_in(request.LANGUAGE_CODE))  # fmt: skip
                status = 400
            else:
                done, form = True, None
        else:
            status = 400
    speakers = h.registrations.filter(status="selected").values_list("side", flat=True)
    return render(
        request, "portal/legislation/hearing.html",
        {"h": h, "form": form, "done": done, "open_now": open_now,
         "speakers": [dict(h.registrations.model.Side.choices)[s] for s in speakers]},
        status=status,
    )  # fmt: skip


@require_safe
def draft_docx(request, pk: int):
    """A draft published for comment, as Word with line numbers."""
    from renda.legislation import documents
    from renda.legislation.views.projects import download

    version = _public_version(pk)
    return download(documents.draft_docx(version), documents.DOCX_TYPE, f"draft-{version.pk}.docx")


@require_safe
def draft_pdf(request, pk: int):
    """A draft published for comment, as PDF with line numbers."""
    from renda.legislation import documents
    from renda.legislation.views.projects import download

    version = _public_version(pk)
    return download(documents.draft_pdf(version), documents.PDF_TYPE, f"draft-{version.pk}.pdf")


@require_safe
def contact_point(request, pk: int):
    """A contact point's page: where it is, and what it passed on, per regulation."""
    point = get_object_or_404(ContactPoint, pk=pk, active=True)
    per_project = (
        point.comments.values("version__project__id", "version__project__title")
        .annotate(
            n=Count("id"), adopted=Count("id", filter=Q(group__handling__in=["adopted", "partly"]))
        )
        .order_by("-n")
    )
    return render(request, "portal/legislation/contact_point.html", {"p": point, "rows": per_project, "total": point.comments.count()})  # fmt: skip
