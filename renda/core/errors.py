"""Domain errors with stable codes and messages in Chinese and English.

Services raise :class:`DomainError`; :mod:`renda.core.middleware` and the API
map it to HTTP responses in one place. The Chinese text is the message id and
the English text comes from the translation catalogue, so both languages are
always available to clients.
"""

from __future__ import annotations

import contextlib
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused an action; never a programming error."""

    #: HTTP status that best describes the refusal.
    status = 400

    def __init__(self, code: str, message: Any, *, field: str | None = None, **params: Any):
        self.code = code
        self.message = message
        self.field = field
        self.params = params
        super().__init__(f"{code}: {self.message_in('zh-hans')}")

    def message_in(self, language: str) -> str:
        with translation.override(language):
            text = str(self.message)
            if self.params:
                with contextlib.suppress(KeyError, IndexError, ValueError):
                    text = text.format(**{k: str(v) for k, v in self.params.items()})
        return text

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "message": self.message_in("zh-hans"),
            "message_en": self.message_in("en"),
        }
        if self.field:
            data["field"] = self.field
        return data


class NotFound(DomainError):
    status = 404

    def __init__(self, code: str = "not_found", message: Any = None, **params: Any):
        super().__init__(code, message or _("未找到该记录。"), **params)


class PermissionDenied(DomainError):
    status = 403

    def __init__(self, code: str = "permission_denied", message: Any = None, **params: Any):
        super().__init__(code, message or _("您没有执行此操作的权限。"), **params)


class Conflict(DomainError):
    status = 409


class ValidationFailed(DomainError):
    """Several field errors at once, as from a form."""

    status = 422

    def __init__(self, errors: list[DomainError]):
        self.errors = errors
        super().__init__("validation_failed", _("提交的内容有误，请检查后重试。"))

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["errors"] = [error.as_dict() for error in self.errors]
        return data


def message_pair(message: Any) -> tuple[str, str]:
    """Return a lazy message rendered in Chinese and in English."""
    with translation.override("zh-hans"):
        zh = str(message)
    with translation.override("en"):
        en = str(message)
    return zh, en


class ErrorCode:
    """One refusal a domain may give: a stable code, its message and its HTTP status.

    Each domain lists its codes once, in its ``errors.py``::

        PLAN_EXISTS = ErrorCode("supervision", "plan_exists", _("{year}年度的计划已存在。"), 409)

    and raises ``errors.PLAN_EXISTS(field="year", year=year)``. The catalogue
    (:data:`CATALOGUE`) lets tests check that codes are unique per domain, that each
    has its English translation, and that one code means one thing.
    """

    def __init__(self, domain: str, code: str, message: Any, status: int = 400) -> None:
        self.domain = domain
        self.code = code
        self.message = message
        self.status = status
        key = (domain, code)
        if key in CATALOGUE:
            raise RuntimeError(f"error code {domain}.{code} defined twice")
        CATALOGUE[key] = self

    def __call__(self, *, field: str | None = None, **params: Any) -> DomainError:
        if self.status == 403:
            return PermissionDenied(self.code, self.message, field=field, **params)
        if self.status == 404:
            return NotFound(self.code, self.message, field=field, **params)
        error = (Conflict if self.status == 409 else DomainError)(
            self.code, self.message, field=field, **params
        )
        if self.status not in (400, 409):
            error.status = self.status
        return error

    def __repr__(self) -> str:
        return f"ErrorCode({self.domain}.{self.code})"


#: Every declared error code by (domain, code).
CATALOGUE: dict[tuple[str, str], ErrorCode] = {}
