"""Every API error as JSON: a stable ``code``, ``message`` (Chinese) and ``message_en``.

Services raise :class:`~renda.core.errors.DomainError`; ninja raises its own
validation, authentication and HTTP errors; Django raises ``Http404``. The
handlers installed by :func:`install_error_handlers` turn each into the same
shape, so a client needs one parser and never sees an HTML page or a 500 for
bad input.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from renda.core.errors import DomainError


class Bilingual:
    """A message whose text follows the active language: Chinese, or English under ``en``.

    API-only messages carry both texts here rather than in the translation
    catalogue, so ``message_en`` is English even before the catalogue is built.
    """

    def __init__(self, zh: str, en: str):
        self.zh = zh
        self.en = en

    def __str__(self) -> str:
        language = translation.get_language() or ""
        return self.en if language.startswith("en") else self.zh


class ApiError(DomainError):
    """A refusal decided by the API layer itself (authentication, references, CSRF)."""

    def __init__(
        self,
        code: str,
        zh: str,
        en: str,
        *,
        status: int = 400,
        field: str | None = None,
        **params: Any,
    ):
        self.status = status
        super().__init__(code, Bilingual(zh, en), field=field, **params)


class ErrorOut(Schema):
    """The body of every error response."""

    code: str
    message: str
    message_en: str
    field: str | None = None
    errors: list[dict[str, Any]] | None = None


#: Error responses every operation may give, for the OpenAPI document.
READ_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 422: ErrorOut}
DETAIL_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def not_authenticated() -> ApiError:
    return ApiError(
        "not_authenticated",
        "请先登录，或提供有效的接口令牌。",
        "Sign in, or send a valid API token.",
        status=401,
    )


def permission_denied() -> ApiError:
    return ApiError(
        "permission_denied",
        "您没有执行此操作的权限。",
        "You do not have permission to do this.",
        status=403,
    )


def csrf_failed() -> ApiError:
    return ApiError(
        "csrf_failed",
        "安全校验（CSRF）未通过，请刷新页面后重试。",
        "The CSRF check failed; reload the page and try again.",
        status=403,
    )


def not_found() -> ApiError:
    return ApiError("not_found", "未找到该记录。", "No such record.", status=404)


def unknown_reference(field: str) -> ApiError:
    return ApiError(
        "unknown_reference",
        "“{name}”指向的记录不存在。",
        "“{name}” refers to a record that does not exist.",
        status=422,
        field=field,
        name=field,
    )


_HTTP_ERRORS: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "请求内容无法解析。", "The request could not be parsed."),
    405: ("method_not_allowed", "不支持该请求方法。", "This method is not allowed."),
    429: ("throttled", "请求过于频繁，请稍后再试。", "Too many requests; try again later."),
}


def _json(api: NinjaAPI, request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="renda"'
    return response


#: Chinese text for pydantic's error types; anything else is "取值无效".
_PROBLEMS_ZH = {
    "missing": "必须填写。",
    "extra_forbidden": "不接受该字段。",
    "string_too_long": "内容过长。",
    "string_too_short": "内容过短。",
    "string_type": "应为文本。",
    "int_parsing": "应为整数。",
    "int_type": "应为整数。",
    "int_from_float": "应为整数。",
    "bool_parsing": "应为 true 或 false。",
    "bool_type": "应为 true 或 false。",
    "date_parsing": "日期格式无效，应为 YYYY-MM-DD。",
    "date_from_datetime_parsing": "日期格式无效，应为 YYYY-MM-DD。",
    "date_from_datetime_inexact": "日期不能带时间。",
    "date_type": "日期格式无效，应为 YYYY-MM-DD。",
    "literal_error": "不是可选的值。",
    "enum": "不是可选的值。",
    "greater_than_equal": "数值过小。",
    "greater_than": "数值过小。",
    "less_than_equal": "数值过大。",
    "less_than": "数值过大。",
    "model_attributes_type": "应为 JSON 对象。",
    "dict_type": "应为 JSON 对象。",
}


def _validation_items(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = []
    for error in errors:
        loc = [part if isinstance(part, int | str) else str(part) for part in error.get("loc", ())]
        if loc[:2] == ["body", "payload"]:
            # ninja names the body parameter; clients only know their own fields.
            loc = ["body", *loc[2:]]
        fields = [part for part in loc[1:] if isinstance(part, str)]
        items.append(
            {
                "loc": loc,
                "field": fields[-1] if fields else None,
                "type": str(error.get("type", "invalid")),
                "message": _PROBLEMS_ZH.get(str(error.get("type")), "取值无效。"),
                "message_en": str(error.get("msg", "")),
            }
        )
    return items


def install_error_handlers(api: NinjaAPI) -> None:
    """Register the handlers on ``api``; later registrations win over ninja's defaults."""

    def domain(request, exc: DomainError):
        return _json(api, request, exc.as_dict(), exc.status)

    def validation(request, exc: ValidationError):
        body = {
            "code": "validation_failed",
            "message": "提交的内容有误，请检查后重试。",
            "message_en": "The request is invalid; check the fields and try again.",
            "errors": _validation_items(exc.errors),
        }
        return _json(api, request, body, 422)

    def authentication(request, exc: AuthenticationError):
        return domain(request, not_authenticated())

    def authorization(request, exc: Exception):
        return domain(request, permission_denied())

    def missing(request, exc: Exception):
        return domain(request, not_found())

    def integrity(request, exc: IntegrityError):
        # A race past a service's own check: report it as the conflict it is.
        error = ApiError(
            "conflict",
            "该记录与已有记录冲突。",
            "This conflicts with an existing record.",
            status=409,
        )
        return domain(request, error)

    def http(request, exc: HttpError):
        status = exc.status_code
        if status == 401:
            return authentication(request, exc)
        if status == 403:
            return authorization(request, exc)
        if status == 404:
            return missing(request, exc)
        code, zh, en = _HTTP_ERRORS.get(
            status, ("http_error", "请求无法处理。", "The request cannot be processed.")
        )
        if str(exc) == "Cannot parse request body":
            code, zh, en = (
                "malformed_body",
                "请求内容不是有效的 JSON。",
                "The request body is not valid JSON.",
            )
        return domain(request, ApiError(code, zh, en, status=status))

    api.add_exception_handler(DomainError, domain)
    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(HttpError, http)
    api.add_exception_handler(AuthenticationError, authentication)
    api.add_exception_handler(AuthorizationError, authorization)
    api.add_exception_handler(DjangoPermissionDenied, authorization)
    api.add_exception_handler(Http404, missing)
    api.add_exception_handler(ObjectDoesNotExist, missing)
    api.add_exception_handler(IntegrityError, integrity)
