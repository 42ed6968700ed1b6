"""Pagination for lists that may hold a million rows: the count stops at a cap.

Counting every matching row costs as much as reading them all; a list page only
needs to know there are "more than 10,000" to offer its pages. :class:`CappedPaginator`
counts at most ``cap + 1`` rows (``SELECT COUNT(*) FROM (… LIMIT cap + 1)``, without
the ordering), shows at most ``cap // per_page`` pages and says the total was capped.
Filters and search narrow a list below the cap, where the count is exact again.

A search reads only the newest ``cap + 1`` matches of each full-text index
(:data:`renda.core.search.NEWEST_MATCHES`). When that bounded list still has more than
``cap`` rows the answer is "more than cap" either way; when it has fewer and a bound
cut matches off (a broad word narrowed by a filter or by what the user may see), the
paginator falls back to the exact search (:class:`Fallback`), so a count under the cap
is always exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from renda.core.views import PAGE_SIZE

#: The most rows a list counts exactly.
COUNT_CAP = 10_000


@dataclass
class Fallback:
    """The exact list behind a search bounded to the newest matches, and whether a bound cut any off."""

    object_list: Any
    bound_reached: Callable[[], bool]


class CappedPaginator(Paginator):
    """A paginator whose ``count`` is exact up to ``cap`` and ``cap`` beyond, with ``capped`` set."""

    def __init__(self, object_list, per_page, *args, cap: int | None = None, fallback: Fallback | None = None,
                 known_count: int | None = None, **kwargs) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap
        self.fallback = fallback
        #: The list's size when the page already computed it (a queue's tab counts): no count query.
        self.known_count = known_count

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
        if count <= self.cap and self.fallback is not None and self.fallback.bound_reached():
            self.object_list = self.fallback.object_list
            count = self._count_at_most(self.object_list)
        return count

    @property
    def capped(self) -> bool:
        return self._bounded_count > self.cap

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)


def paginate_capped(request, queryset, per_page: int = PAGE_SIZE, cap: int | None = None,
                    fallback: Fallback | None = None, known_count: int | None = None) -> dict:
    """Like :func:`renda.core.views.paginate`, with a :class:`CappedPaginator`."""
    paginator = CappedPaginator(queryset, per_page, cap=cap, fallback=fallback, known_count=known_count)
    page_obj = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page_obj,
        "rows": page_obj.object_list,
        "querystring_without_page": f"{encoded}&" if encoded else "",
        "query_params": encoded,
    }
