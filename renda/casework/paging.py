"""Pagination for lists that may hold a million rows: the count stops at a cap.

Counting every matching row costs as much as reading them all; a list page only
needs to know there are "more than 10,000" to offer its pages. :class:`CappedPaginator`
counts at most ``cap + 1`` rows (``SELECT COUNT(*) FROM (… LIMIT cap + 1)``, without
the ordering), shows at most ``cap // per_page`` pages and says the total was capped.
Filters and search narrow a list below the cap, where the count is exact again.

A searched list counts up to :data:`SEARCH_COUNT_CAP` and reads only the newest
``SEARCH_COUNT_CAP + 1`` matches of each full-text index
(:data:`renda.core.search.NEWEST_MATCHES`), so a word found in a fifth of a million
rows costs what a rare one does. When that bounded list still has more rows than the
cap the answer is "more than the cap" either way; when it has fewer and a bound cut
matches off (a broad word narrowed by a filter or by what the user may see), the
paginator falls back to the exact search of the indexes that were cut
(:class:`Fallback`), so a count under the cap is always exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from renda.core.views import PAGE_SIZE, page_context

#: The most rows a list counts exactly.
COUNT_CAP = 10_000


#: The most rows a searched list counts exactly: beyond, "more than 1,000 — add a word or a filter".
SEARCH_COUNT_CAP = 1_000


@dataclass
class Fallback:
    """How a list searched among the newest matches of each index becomes exact: ``resolve()``
    returns the list to read instead (None when no bound cut a match off)."""

    resolve: Callable[[], Any]


class CappedPaginator(Paginator):
    """A paginator whose ``count`` is exact up to ``cap`` and ``cap`` beyond, with ``capped`` set."""

    def __init__(
        self,
        object_list,
        per_page,
        *args,
        cap: int | None = None,
        fallback: Fallback | None = None,
        known_count: int | None = None,
        keys_first: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap
        self.fallback = fallback
        #: The list's size when the page already computed it (a queue's tab counts): no count query.
        self.known_count = known_count
        #: Sort and cut the page on the keys alone (the indexes), then read the page's rows by key:
        #: for lists whose rows join long rows the sort would otherwise read for every candidate.
        self.keys_first = keys_first

    def _get_page(self, object_list, number, paginator):
        # ``object_list`` is the page's slice of the list (Paginator.page cut it).
        if self.keys_first and hasattr(object_list, "values_list"):
            keys = list(object_list.values_list("pk", flat=True))
            rows = (
                {row.pk: row for row in self.object_list.order_by().filter(pk__in=keys)}
                if keys
                else {}
            )
            object_list = [rows[k] for k in keys if k in rows]
        return super()._get_page(object_list, number, paginator)

    def _count_at_most(self, qs) -> int:
        if hasattr(qs, "order_by"):
            # Only the keys: annotations the filters do not use are left out of the count.
            return qs.order_by().values("pk")[: self.cap + 1].count()
        return min(len(qs), self.cap + 1)

    @cached_property
    def _bounded_count(self) -> int:
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)
        count = self._count_at_most(self.object_list)
        if count <= self.cap and self.fallback is not None:
            exact = self.fallback.resolve()
            if exact is not None:
                self.object_list = exact
                count = self._count_at_most(exact)
        return count

    @property
    def capped(self) -> bool:
        return self._bounded_count > self.cap

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)


def paginate_capped(
    request,
    queryset,
    per_page: int = PAGE_SIZE,
    cap: int | None = None,
    fallback: Fallback | None = None,
    known_count: int | None = None,
    keys_first: bool = False,
) -> dict:
    """Like :func:`renda.core.views.paginate`, with a :class:`CappedPaginator`."""
    paginator = CappedPaginator(
        queryset,
        per_page,
        cap=cap,
        fallback=fallback,
        known_count=known_count,
        keys_first=keys_first,
    )
    return page_context(request, paginator)
