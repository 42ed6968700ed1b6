"""The REST API at /api/v1/; one module per domain registers its router here.

Lists answer ``{"count": N, "items": [...]}`` and page with ``limit`` (1–200,
default 50) and ``offset``. Errors answer ``{"code", "message", "message_en"}``
(see :mod:`renda.api.errors`); authentication is in :mod:`renda.api.auth`.
"""

from ninja import NinjaAPI

from . import (
    accounts,
    appointments,
    approvals,
    budget,
    casework,
    compliance,
    decisions,
    deputies,
    elections,  # noqa: F401  (adds its operations to the appointments router)
    filings,
    gallery,
    legislation,
    mandates,
    meetings,
    news,
    oaths,  # noqa: F401, E402  (adds its operations to the appointments router)
    people,
    popolo,
    settings,
    suggestions,
    supervision,
    voting,
)
from .errors import install_error_handlers


class RendaAPI(NinjaAPI):
    """NinjaAPI that builds its OpenAPI document once per process.

    The operations are fixed once the routers are added, and building the
    document for some 300 operations takes seconds; answering it from memory
    keeps ``/api/v1/openapi.json`` and the docs page fast for every client.
    """

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        cache = self.__dict__.setdefault("_schema_cache", {})
        if path_prefix not in cache:
            cache[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return cache[path_prefix]


api = RendaAPI(
    title="Renda API",
    version="1.0.0",
    description=(
        "人大工作平台接口 · Renda people's-congress platform API.\n\n"
        "Reads are open; writes need a staff account, through the browser session "
        "(with the CSRF token) or `Authorization: Bearer rd_…`. Lists answer "
        '`{"count": N, "items": [...]}` and page with `limit` (≤ 200) and `offset`. '
        'Errors answer `{"code", "message", "message_en"}`. Open data in Popolo JSON '
        "is under `/popolo/`."
    ),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", people.router)
api.add_router("/", mandates.router)
api.add_router("/", meetings.router)
api.add_router("/", gallery.router)
api.add_router("/popolo", popolo.router)
api.add_router("/", voting.router)
api.add_router("/", casework.router)
api.add_router("/", suggestions.router)
api.add_router("/", supervision.router)
api.add_router("/", filings.router)
api.add_router("/", decisions.router)
api.add_router("/", deputies.router)
api.add_router("/", appointments.router)
api.add_router("/", legislation.router)
api.add_router("/", budget.router)
api.add_router("/", compliance.router)
api.add_router("/", approvals.router)
api.add_router("/", settings.router)
api.add_router("/", accounts.router)
api.add_router("/", news.router)
