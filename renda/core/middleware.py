"""Request middleware: the content security policy and the domain-error mapping."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .errors import DomainError

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Allow only this site's own scripts, styles and fonts: nothing from a CDN."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/v1/docs"):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response


def wants_json(request) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def domain_error_response(request, error: DomainError):
    """Render a domain error as JSON for API clients and as a page for browsers."""
    if wants_json(request):
        return JsonResponse(error.as_dict(), status=error.status)
    return render(request, "core/error.html", {"error": error}, status=error.status)


class DomainErrorMiddleware:
    """Turn a :class:`DomainError` that escaped a view into a clear response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return domain_error_response(request, exception)
        return None


class LanguageMiddleware:
    """Chinese first: use the language the visitor chose (cookie), else Chinese.

    Unlike Django's LocaleMiddleware the browser's Accept-Language is not
    consulted, so an office PC with an English browser still opens in Chinese.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


BUSY_RETRY_AFTER = 5
BUSY_MARKERS = ("database is locked", "database table is locked", "database is busy", "timeout")


def is_database_busy(exception: BaseException) -> bool:
    """A lock or busy timeout of the database, not a broken query."""
    from django.db import OperationalError

    if not isinstance(exception, OperationalError):
        return False
    text = str(exception).lower()
    return any(marker in text for marker in BUSY_MARKERS)


def database_busy_response(request):
    """503 with Retry-After: the write can simply be sent again in a few seconds."""
    from django.utils.translation import gettext_lazy as _

    from .errors import DomainError

    error = DomainError("database_busy", _("系统繁忙，请稍后几秒再试一次。"))
    error.status = 503
    response = domain_error_response(request, error)
    response.headers["Retry-After"] = str(BUSY_RETRY_AFTER)
    return response


class DatabaseBusyMiddleware:
    """Turn "database is locked" and lock timeouts into a clear 503 instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_busy(exception):
            return database_busy_response(request)
        return None


def request_too_large_response(request, limit: int):
    """413 with the stable code ``request_too_large`` (JSON for the API, a page otherwise)."""
    from django.utils.translation import gettext_lazy as _

    error = DomainError(
        "request_too_large",
        _("提交的内容超过 {mb} MB，请缩小文件后重试。"),
        mb=max(1, limit // (1024 * 1024)),
    )
    error.status = 413
    return domain_error_response(request, error)


class RequestSizeMiddleware:
    """Answer 413 before reading a body larger than allowed, and for Django's own refusal.

    Bodies other than multipart are bounded by ``DATA_UPLOAD_MAX_MEMORY_SIZE``; multipart
    bodies (files streamed to disk) by ``UPLOAD_MAX_REQUEST_BYTES``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def limit(request) -> int | None:
        if request.content_type == "multipart/form-data":
            return getattr(settings, "UPLOAD_MAX_REQUEST_BYTES", None)
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    def __call__(self, request):
        limit = self.limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            return request_too_large_response(request, limit)
        try:
            return self.get_response(request)
        except RequestDataTooBig:
            return request_too_large_response(request, limit or 0)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return request_too_large_response(request, self.limit(request) or 0)
        return None
