"""One search box over everything public: suggestions and their published replies, filed
documents, meetings, supervision reports, decisions of the standing committee.

Each source keeps its own public selector (nothing unpublished is ever read) and its own
full-text index (``renda.core.search``). Sources are ranked by how well their best hits
match (a hit in the title before one in the text, newer first), each showing its five best
hits with the query's words marked, and a link to that source's own list for the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from renda.core.search import query_words, search

#: Hits shown per source; the source's own list has the rest.
PER_SOURCE = 5
#: Candidates read per source before ranking (the newest matches of its index).
CANDIDATES = 40
SNIPPET = 90


@dataclass
class Hit:
    title: str
    url: str
    meta: str
    text: str
    date: Any
    score: int = 0
    title_html: SafeString = field(default=SafeString(""))
    snippet_html: SafeString = field(default=SafeString(""))


@dataclass
class Group:
    key: str
    label: Any
    hits: list[Hit]
    more_url: str
    total: int


def mark(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, each query word wrapped in <mark>."""
    if not text:
        return SafeString("")
    safe = escape(text)
    wanted = sorted({escape(w) for w in words if w}, key=len, reverse=True)
    if not wanted:
        return mark_safe(safe)  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(w) for w in wanted), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", safe))  # noqa: S308


def snippet(text: str, words: list[str]) -> str:
    """About SNIPPET characters of ``text`` around its first hit."""
    text = " ".join((text or "").split())
    lower = text.lower()
    at = min((i for i in (lower.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(at - SNIPPET // 3, 0)
    piece = text[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def _score(hit: Hit, words: list[str]) -> int:
    title, body = hit.title.lower(), hit.text.lower()
    return sum(3 if w.lower() in title else 1 if w.lower() in body else 0 for w in words)


def _sources():
    from renda.decisions.models import Matter
    from renda.decisions.selectors import public_decisions
    from renda.filings.selectors import public_filings
    from renda.meetings.selectors import meetings_public
    from renda.suggestions.selectors import public_suggestion_list
    from renda.supervision.selectors import published_reports

    def suggestions(q):
        for s in public_suggestion_list(q=q, newest=CANDIDATES).defer(None)[:CANDIDATES]:
            yield Hit(
                s.title, reverse("portal:suggestion_detail", args=[s.pk]),
                f"{s.number} · {getattr(s, 'lead_unit_name', '') or ''}".strip(" ·"),
                s.content, s.submitted_at,
            )  # fmt: skip

    def filings(q):
        for f in public_filings(q=q)[:CANDIDATES]:
            yield Hit(
                f.title, reverse("portal:filing_detail", args=[f.pk]),
                f"{f.document_number} · {f.enacting_body.name}", f.text[:2000], f.published_on,
            )  # fmt: skip

    def meetings(q):
        for m in search(meetings_public(), q).order_by("-starts_on")[:CANDIDATES]:
            yield Hit(
                m.title, reverse("portal:meeting_detail", args=[m.pk]),
                f"{m.starts_on:%Y-%m-%d} · {m.location}".strip(" ·"), m.location, m.starts_on,
            )  # fmt: skip

    def reports(q):
        for r in search(published_reports(), q).order_by("-id")[:CANDIDATES]:
            yield Hit(
                r.title, reverse("portal:supervision_report", args=[r.pk]),
                r.body.name if r.body_id else "", r.text, r.updated_at,
            )  # fmt: skip

    def decisions(q):
        matters = search(Matter.objects.all(), q).values("pk")
        qs = public_decisions().filter(Q(matter__in=matters) | Q(title__icontains=q))
        for d in qs.order_by("-id")[:CANDIDATES]:
            yield Hit(
                d.title, reverse("portal:decision_detail", args=[d.pk]),
                str(d.matter.category) if d.matter.category_id else "", d.text, d.decided_on,
            )  # fmt: skip

    return (
        ("suggestions", _("代表建议与答复"), suggestions, "portal:suggestions"),
        ("filings", _("备案文件"), filings, "portal:filings"),
        ("meetings", _("会议"), meetings, "portal:meetings"),
        ("reports", _("监督报告"), reports, "portal:supervision"),
        ("decisions", _("决定决议"), decisions, "portal:decisions"),
    )


def site_search(q: str) -> list[Group]:
    words = query_words(q)
    if not words:
        return []
    groups = []
    for key, label, find, list_name in _sources():
        hits = list(find(q))
        for hit in hits:
            hit.score = _score(hit, words)
        hits.sort(
            key=lambda h: (-h.score, -(h.date.toordinal() if hasattr(h.date, "toordinal") else 0))
        )
        # What the reader typed is marked whole where it occurs, else its words.
        marks = [*q.split(), *words]
        for hit in hits[:PER_SOURCE]:
            hit.title_html = mark(hit.title, marks)
            hit.snippet_html = mark(snippet(hit.text, marks), marks)
        if hits:
            more = reverse(list_name)
            if key in ("suggestions", "filings"):
                more += "?" + _query(q)
            groups.append(Group(key, label, hits[:PER_SOURCE], more, len(hits)))
    groups.sort(key=lambda g: -max(h.score for h in g.hits))
    return groups


def _query(q: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": q})


@require_safe
def site_search_view(request):
    q = (request.GET.get("q") or "").strip()[:100]
    groups = site_search(q) if q else []
    return render(
        request,
        "portal/search.html",
        {"q": q, "groups": groups, "cap": CANDIDATES, "words": query_words(q) if q else []},
    )
