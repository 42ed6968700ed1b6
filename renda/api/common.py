"""Types and pagination shared by the API modules (not schemas: each operation owns its own)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

from django.db import models
from ninja import Field, Path, Schema
from pydantic import AfterValidator, ConfigDict

#: Largest id accepted anywhere: the range of a 64-bit primary key.
MAX_ID = 2**63 - 1
#: Largest page; clients page with ``offset``.
MAX_LIMIT = 200
DEFAULT_LIMIT = 50
#: A bound on ``offset`` that every database takes as an integer.
MAX_OFFSET = 2**31 - 1
#: Bounds of a PostgreSQL ``integer`` column, the narrowest the models use for counters.
MAX_INT = 2**31 - 1
#: Upper bound for free-text fields the models store as ``TextField``.
MAX_TEXT = 20_000


def _plain_text(value: str) -> str:
    # PostgreSQL refuses NUL in text and no database stores a lone surrogate.
    if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("text must not contain NUL or unpaired surrogate characters")
    return value


def text(max_length: int) -> Any:
    """A string type bounded like its model field and storable by every database."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_plain_text)]


def choice(choices: type[models.TextChoices]) -> Any:
    """A ``Literal`` of a ``TextChoices``' values, so OpenAPI lists them as an enum."""
    return Literal[tuple(choices.values)]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
SortOrder = Annotated[int, Field(ge=0, le=MAX_INT)]
#: A calendar year as a filter (the date types of both databases end at 9999).
Year = Annotated[int, Field(ge=1900, le=2100)]


class InputSchema(Schema):
    """Base for request bodies: unknown fields are refused, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class PageQuery(Schema):
    """``limit`` and ``offset`` of a list; each list's filter schema extends it."""

    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="每页条数（最多 200）· page size"
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="跳过的条数 · rows to skip")


def page(
    queryset: models.QuerySet, query: PageQuery, row: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    """Return ``{"count", "items"}`` for one page of ``queryset`` in two queries."""
    count = queryset.count()
    rows: Iterable[Any] = queryset[query.offset : query.offset + query.limit] if count else []
    return {"count": count, "items": [row(obj) for obj in rows]}
