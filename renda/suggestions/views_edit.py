"""Pages of a suggestion beyond its detail: the deputy edits a draft and attaches files;
the office merges duplicates into one and splits one into parts (rules §1.1, §1.5)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core import files
from renda.core.pages import perform
from renda.core.views import permission_required

from . import services, workflow
from .forms import AttachmentForm, MergeForm, SplitForm, SuggestionForm
from .models import Suggestion
from .selectors import suggestion_search, suggestions_visible_to

#: How many suggestions the merge page lists for one search.
MERGE_SHOWN = 50


def _visible(request, pk: int) -> Suggestion:
    return get_object_or_404(suggestions_visible_to(request.user), pk=pk)


def _allowed(act, request, s: Suggestion) -> None:
    if not act.allows(request.user, s):
        raise PermissionDenied


@permission_required("suggestions.submit")
def suggestion_update(request, pk: int):
    """The lead deputy edits a saved draft; the same form as when it was written."""
    s = _visible(request, pk)
    form = SuggestionForm(
        request.POST or None,
        initial={"title": s.title, "content": s.content, "category": s.category},
    )
    status = 200
    if request.method == "POST":
        done = perform(
            request, services.suggestion_update, form=form, success=_("草稿已保存。"), suggestion=s
        )
        if done:
            return redirect(reverse("suggestions:detail", args=[pk]))
        status = 400
    else:
        _allowed(services.suggestion_update, request, s)
    context = {"form": form, "s": s, "editing": True}
    return render(request, "suggestions/form.html", context, status=status)


@permission_required("suggestions.submit")
def attachment_add(request, pk: int):
    """The lead deputy attaches a file to the draft (type and size checked before saving)."""
    s = _visible(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        done = perform(
            request,
            services.attachment_add,
            form=form,
            success=_("附件已上传。"),
            suggestion=s,
        )
        if done:
            return redirect(reverse("suggestions:detail", args=[pk]))
        status = 400
    else:
        _allowed(services.attachment_add, request, s)
    context = {
        "form": form,
        "s": s,
        "attachments": s.attachments.all(),
        "max_attachments": workflow.MAX_ATTACHMENTS,
    }
    return render(request, "suggestions/attachment_form.html", context, status=status)


@permission_required("suggestions.view")
def attachment_download(request, pk: int, attachment_id: int):
    """An attachment, to those who may see its suggestion; never a public media address."""
    s = _visible(request, pk)
    attachment = get_object_or_404(s.attachments, pk=attachment_id)
    # The one protected download (renda.core.files) streams it, under its registered rule.
    return files.download(request, attachment._meta.label_lower, attachment.pk, "file")


def _merge_candidates(request, s: Suggestion):
    return (
        suggestions_visible_to(request.user)
        .filter(status__in=workflow.PENDING, term_id=s.term_id)
        .exclude(pk=s.pk)
        .select_related("lead_deputy__person")
    )


@permission_required("suggestions.manage")
def suggestion_merge(request, pk: int):
    """The office merges duplicates into this suggestion: search, tick, merge (并案)."""
    s = _visible(request, pk)
    candidates = _merge_candidates(request, s)
    form = MergeForm(request.POST or None, candidates=candidates)
    q = (request.GET.get("q") or request.POST.get("q") or "").strip()[:100]
    status = 200
    if request.method == "POST":
        done = perform(
            request,
            services.suggestion_merge,
            form=form,
            data=lambda d: {"others": list(d["others"])},
            success=_("已并案。"),
            into=s,
        )
        if done:
            return redirect(reverse("suggestions:detail", args=[pk]))
        status = 400
    else:
        _allowed(services.suggestion_merge, request, s)
    if q:
        found = suggestion_search(candidates, q).values("pk")
        shown = candidates.filter(
            Q(pk__in=found) | Q(lead_deputy__person__name__contains=q) | Q(number__contains=q)
        ).order_by("-id")
    else:
        shown = candidates.order_by("-id")
    shown = list(shown[:MERGE_SHOWN])
    chosen = {str(v) for v in (form["others"].value() or [])} if form.is_bound else set()
    missing = [
        c for c in candidates.filter(pk__in=[v for v in chosen if v.isdigit()]) if c not in shown
    ]
    context = {
        "form": form,
        "s": s,
        "q": q,
        "rows": [*missing, *shown],
        "chosen": chosen,
        "limit": MERGE_SHOWN,
    }
    return render(request, "suggestions/merge.html", context, status=status)


@permission_required("suggestions.manage")
def suggestion_split(request, pk: int):
    """The office splits a suggestion spanning several areas into parts (之一, 之二…)."""
    s = _visible(request, pk)
    form = SplitForm(request.POST or None)
    status = 200
    if request.method == "POST":
        done = perform(
            request,
            services.suggestion_split,
            form=form,
            data=lambda d: {"parts": d["parts"]},
            success=_("已拆分。"),
            suggestion=s,
        )
        if done:
            return redirect(reverse("suggestions:detail", args=[pk]))
        status = 400
    else:
        _allowed(services.suggestion_split, request, s)
    return render(request, "suggestions/split.html", {"form": form, "s": s}, status=status)
