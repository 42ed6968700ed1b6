"""Chinese full-text search behind one interface for SQLite and PostgreSQL.

A searchable model keeps a ``search_text`` column: the jieba words of its text
followed by the sequence of its single Chinese characters. SQLite indexes that
column with an FTS5 table (``unicode61``); PostgreSQL with a GIN index on a
generated, stored column ``search_tsv = to_tsvector('simple', search_text)``. A query word matches either as a jieba
word or as the phrase of its characters, so a surname (王), a word (教育) and a
compound the dictionary splits differently (财政经济) are all found.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from django.db import connection, models
from django.db.models.expressions import RawSQL

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_QUERY_WORDS = 8


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _clean(token: str) -> str:
    return "".join(_WORD.findall(token)).lower()


def segment(text: str) -> str:
    """Return the ``search_text`` for a piece of text."""
    if not text:
        return ""
    jieba = _jieba()
    words = [w for w in (_clean(t) for t in jieba.cut_for_search(text)) if w]
    chars = _CJK.findall(text)
    return " ".join(words + chars)


def query_words(q: str) -> list[str]:
    """Split a user's query into the words that must all match."""
    jieba = _jieba()
    words: list[str] = []
    for token in jieba.cut(q or ""):
        word = _clean(token)
        if word and word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def _fts5_expression(words: list[str]) -> str:
    parts = []
    for word in words:
        chars = _CJK.findall(word)
        if len(chars) == len(word) and len(word) > 1:
            parts.append(f'("{word}" OR "{" ".join(chars)}")')
        elif chars:
            parts.append(f'"{word}"')
        else:
            parts.append(f'"{word}"*')
    return " AND ".join(parts)


def _tsquery_expression(words: list[str]) -> str:
    parts = []
    for word in words:
        chars = _CJK.findall(word)
        if len(chars) == len(word) and len(word) > 1:
            parts.append(f"({word} | {' <-> '.join(chars)})")
        elif chars:
            parts.append(word)
        else:
            parts.append(f"{word}:*")
    return " & ".join(parts)


class SearchableModel(models.Model):
    """Abstract base for models found by :func:`search`."""

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def search_document(self) -> str:  # pragma: no cover - each model overrides
        raise NotImplementedError

    def refresh_search_text(self) -> None:
        self.search_text = segment(self.search_document())


def fts_table(model: type[models.Model]) -> str:
    return f"{model._meta.db_table}_fts"


#: PostgreSQL: the generated column holding ``to_tsvector('simple', search_text)``, with its GIN
#: index (created after every migrate, outside the models: a migration that changes ``search_text``
#: must drop it first; the next migrate creates it again).
TSV_COLUMN = "search_tsv"

#: How many of the newest matches a bounded search reads from each full-text index
#: (one more than a searched list counts exactly, ``renda.casework.paging.SEARCH_COUNT_CAP``).
NEWEST_MATCHES = 1_001


def matching_ids(model: type[models.Model], q: str, *, newest: int | None = None) -> RawSQL | None:
    """Return a subquery of the primary keys of ``model`` rows matching ``q``.

    Usable on any related field: ``Deputy.objects.filter(person_id__in=matching_ids(Person, q))``.
    Returns None for an empty query. With ``newest``, only the ``newest`` highest keys among
    the matches: the full-text index yields them in descending order and stops there, so a
    word found in a fifth of a million rows costs what a rare one does (see
    :func:`matches_at_least` to know whether the bound cut anything off).
    """
    words = query_words(q)
    if not words:
        return None
    table = model._meta.db_table
    pk = model._meta.pk.column
    if connection.vendor == "sqlite":
        fts = fts_table(model)
        sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"  # noqa: S608
        if newest is not None:
            sql += f" ORDER BY rowid DESC LIMIT {int(newest)}"
        return RawSQL(sql, [_fts5_expression(words)])  # noqa: S611
    if connection.vendor == "postgresql":
        sql = f"SELECT {pk} FROM {table} WHERE {TSV_COLUMN} @@ to_tsquery('simple', %s)"  # noqa: S608
        if newest is not None:
            sql += f" ORDER BY {pk} DESC LIMIT {int(newest)}"
        return RawSQL(sql, [_tsquery_expression(words)])  # noqa: S611
    ids = model._default_manager.all()
    for word in words:
        ids = ids.filter(search_text__contains=word)
    if newest is not None:
        ids = ids.order_by("-pk")[:newest]
    return ids.values("pk")


def matches_at_least(model: type[models.Model], q: str, n: int) -> bool:
    """Whether at least ``n`` rows of ``model`` match ``q`` (reads at most ``n`` keys)."""
    subquery = matching_ids(model, q, newest=n)
    if subquery is None:
        return False
    if not isinstance(subquery, RawSQL):
        return subquery.count() >= n
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({subquery.sql}) AS m", subquery.params)  # noqa: S608
        return cursor.fetchone()[0] >= n


def search(queryset: models.QuerySet, q: str) -> models.QuerySet:
    """Filter a queryset of a searchable model to the rows matching every query word."""
    subquery = matching_ids(queryset.model, q)
    if subquery is None:
        return queryset
    return queryset.filter(pk__in=subquery)


def searchable_models() -> list[type[SearchableModel]]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, SearchableModel) and not m._meta.abstract]


def ensure_search_indexes(using: str = "default") -> None:
    """Create the FTS5 tables and triggers (SQLite) or GIN indexes (PostgreSQL).

    Runs after every migrate: SQLite's table rebuilds drop triggers, so they are
    recreated here and the index rebuilt when it is new.
    """
    from django.db import connections

    conn = connections[using]
    with conn.cursor() as cursor:
        for model in searchable_models():
            table = model._meta.db_table
            if table not in conn.introspection.table_names(cursor):
                continue
            pk = model._meta.pk.column
            fts = fts_table(model)
            if conn.vendor == "sqlite":
                cursor.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=%s", [fts])
                is_new = cursor.fetchone() is None
                cursor.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
                    f"search_text, content='{table}', content_rowid='{pk}', tokenize='unicode61')"
                )
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
                    f"INSERT INTO {fts}(rowid, search_text) VALUES (new.{pk}, new.search_text); END"
                )
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
                    f"INSERT INTO {fts}({fts}, rowid, search_text) "
                    f"VALUES ('delete', old.{pk}, old.search_text); END"
                )
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} "
                    f"BEGIN INSERT INTO {fts}({fts}, rowid, search_text) "
                    f"VALUES ('delete', old.{pk}, old.search_text); "
                    f"INSERT INTO {fts}(rowid, search_text) VALUES (new.{pk}, new.search_text); END"
                )
                if is_new:
                    cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            elif conn.vendor == "postgresql":
                # A stored tsvector: matches (and the position checks of a phrase) read it instead
                # of parsing the long text again for every candidate row.
                cursor.execute(
                    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {TSV_COLUMN} tsvector "
                    f"GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED"
                )
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_search_tsv ON {table} USING GIN ({TSV_COLUMN})"
                )
                cursor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")
