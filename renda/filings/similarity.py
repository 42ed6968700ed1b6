"""Consistency aid of filing review: similar documents and provisions to look at (a help, not a verdict).

Each document's text is normalised (Chinese characters, letters and digits only)
and cut into overlapping shingles of :data:`SHINGLE` characters. One hash per
shingle fills a one-permutation MinHash signature of :data:`BINS` bins (empty
bins densified by rotation), stored with the filing. The signature is split into
:data:`BANDS` bands of :data:`ROWS` rows; each band's hash is a row of
:class:`~renda.filings.models.SimilarityKey`, indexed, so a lookup asks the
database for the filings sharing a band (LSH candidates) and compares only their
signatures: the share of equal bins estimates the Jaccard similarity of the
shingle sets. Nothing scans all documents in Python.

:func:`highlights` marks provisions that set penalties, licences, fees or
coercive measures for the reviewer's attention.
"""

from __future__ import annotations

import operator
import re
import zlib
from array import array
from collections import Counter

SHINGLE = 4
BINS = 128
BANDS = 32
ROWS = 4
#: Candidates compared per lookup, and results kept.
MAX_CANDIDATES = 300
MAX_RESULTS = 10
#: Band hits read per lookup, rarest bands first: a band shared by very many documents is boilerplate,
#: not a signal, and must not make a lookup read a large part of the index.
MAX_HITS = 5_000
MAX_VERSIONS = 5
#: Estimated similarity below which a candidate is not listed.
MIN_SCORE = 0.12

_MASK = (1 << 64) - 1
_VALUE_BITS = 57
_VALUE_MASK = (1 << _VALUE_BITS) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_EMPTY = _VALUE_MASK
_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]+")
_TITLE_NOISE = re.compile(r"[（(【\[].*?[）)】\]]|关于|印发|的通知|试行|暂行|修订|修正|草案|\s")


def normalise(text: str) -> str:
    return "".join(_KEEP.findall(text or "")).lower()


def title_key(title: str) -> str:
    """The title without brackets and wrappers (关于印发…的通知, 试行, 修订): earlier versions share it."""
    return normalise(_TITLE_NOISE.sub("", title or ""))[:200]


def _mix(h: int) -> int:
    h = (h * _GOLDEN) & _MASK
    h ^= h >> 31
    h = (h * 0xBF58476D1CE4E5B9) & _MASK
    return h ^ (h >> 29)


def signature(text: str) -> bytes:
    """The MinHash signature of a text, :data:`BINS` unsigned 64-bit values, as bytes."""
    norm = normalise(text)
    bins = [_EMPTY] * BINS
    if norm:
        shingles = {norm[i : i + SHINGLE] for i in range(max(len(norm) - SHINGLE + 1, 1))}
        for sh in shingles:
            h = _mix(zlib.crc32(sh.encode("utf-8")))
            b = h >> (64 - 7)
            v = h & _VALUE_MASK
            if v < bins[b]:
                bins[b] = v
        if any(v != _EMPTY for v in bins):
            # Densify: an empty bin borrows the next filled bin's value, offset by the distance.
            for i in range(BINS):
                if bins[i] == _EMPTY:
                    j, d = i, 0
                    while bins[j] == _EMPTY:
                        j, d = (j + 1) % BINS, d + 1
                    bins[i] = (bins[j] + d * 0x9E3779B97F4A7) & _VALUE_MASK
    return array("Q", bins).tobytes()


def _values(sig: bytes) -> array:
    values = array("Q")
    values.frombytes(bytes(sig))
    return values


def band_keys(sig: bytes) -> list[int]:
    """One signed 63-bit key per band (band index mixed in), empty for an empty text."""
    values = _values(sig)
    if len(values) != BINS or all(v == _EMPTY for v in values):
        return []
    keys = []
    for band in range(BANDS):
        h = band + 1
        for v in values[band * ROWS : (band + 1) * ROWS]:
            h = _mix(h ^ v)
        keys.append(h >> 1)
    return keys


def estimate(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures (share of equal bins)."""
    va, vb = _values(a), _values(b)
    if len(va) != BINS or len(vb) != BINS:
        return 0.0
    return sum(map(operator.eq, va, vb)) / BINS


def similar_filings(
    *,
    sig: bytes,
    exclude_id: int | None = None,
    limit: int = MAX_RESULTS,
    title: str = "",
    body_id: int | None = None,
) -> list[dict]:
    """The filed documents most similar to ``sig``, best first, with earlier versions flagged.

    Three indexed queries for the LSH candidates (band fan-out, the documents of the
    rarest bands, their signatures), one for the same body's documents of the same
    title (earlier versions), one for the rows listed.
    """
    from django.db.models import Count

    from .models import Filing, SimilarityKey

    keys = band_keys(sig)
    scored: dict[int, float] = {}
    if keys:
        # How many documents share each band (answered from the key index), then the documents of the
        # rarest bands within the budget; shared bands are counted here, so no plan scans the table.
        fanout = dict(
            SimilarityKey.objects.filter(key__in=keys)
            .values_list("key")
            .annotate(n=Count("id"))
            .values_list("key", "n")
        )
        chosen, budget = [], 0
        for k, n in sorted(fanout.items(), key=lambda kv: kv[1]):
            if chosen and budget + n > MAX_HITS:
                break
            chosen.append(k)
            budget += n
        hits = (
            Counter(
                SimilarityKey.objects.filter(key__in=chosen).values_list("filing_id", flat=True)[
                    : MAX_HITS + 1000
                ]
            )
            if chosen
            else Counter()
        )
        hits.pop(exclude_id, None)
        candidates = [pk for pk, _n in hits.most_common(MAX_CANDIDATES)]
        for pk, other in Filing.objects.filter(pk__in=candidates).values_list("pk", "signature"):
            score = estimate(sig, other)
            if score >= MIN_SCORE:
                scored[pk] = score
    versions: set[int] = set()
    key = title_key(title)
    if key and body_id:
        versions = set(
            Filing.objects.filter(enacting_body_id=body_id, title_key=key)
            .exclude(pk=exclude_id)
            .order_by("-published_on")
            .values_list("pk", flat=True)[:MAX_VERSIONS]
        )
    best = sorted(scored.items(), key=lambda kv: (-kv[1], -kv[0]))[:limit]
    ids = [pk for pk, _s in best] + sorted(versions - {pk for pk, _s in best})
    info = {
        f.pk: f
        for f in Filing.objects.filter(pk__in=ids)
        .select_related("enacting_body")
        .only("pk", "title", "document_number", "published_on", "status", "enacting_body__name")
    }
    out = []
    for pk in ids:
        f = info.get(pk)
        if f is None:
            continue
        out.append(
            {
                "id": pk,
                "title": f.title,
                "document_number": f.document_number,
                "enacting_body": f.enacting_body.name,
                "published_on": f.published_on.isoformat(),
                "status": f.status,
                "score": round(scored.get(pk, 0.0), 3),
                "earlier_version": pk in versions,
            }
        )
    return out


# -- provisions to look at ------------------------------------------------------------------

#: Terms by kind; a provision naming one is highlighted (rules §5.6: legality, proportionality).
TERMS: dict[str, tuple[str, ...]] = {
    "penalty": (
        "罚款",
        "没收",
        "吊销",
        "暂扣",
        "拘留",
        "责令停产停业",
        "责令关闭",
        "通报批评",
        "行政处罚",
        "降低资质等级",
        "限制从业",
    ),
    "licence": ("许可", "审批", "核准", "准入", "资质", "资格", "许可证", "登记证"),
    "fee": ("收费", "缴纳", "费用", "保证金", "押金", "集资", "摊派"),
    "coercive": ("查封", "扣押", "冻结", "强制", "限制人身自由", "强行", "代履行"),
}
_PROVISION = re.compile(r"(第[一二三四五六七八九十百零〇\d]+条)")
_SENTENCE = re.compile(r"(?<=[。；;！？])|\n+")
MAX_HIGHLIGHTS = 60
MAX_PROVISION = 300


def _provisions(text: str) -> list[str]:
    parts = _PROVISION.split(text or "")
    if len(parts) > 2:
        out = [parts[i] + parts[i + 1] for i in range(1, len(parts) - 1, 2)]
        return [" ".join(p.split()) for p in out if p.strip()]
    return [" ".join(s.split()) for s in _SENTENCE.split(text or "") if s and s.strip()]


def highlights(text: str) -> list[dict]:
    """Provisions naming penalties, licences, fees or coercive measures, with the terms found."""
    out = []
    for provision in _provisions(text):
        kinds, terms = [], []
        for kind, words in TERMS.items():
            found = [w for w in words if w in provision]
            if found:
                kinds.append(kind)
                terms.extend(found)
        if kinds:
            out.append(
                {
                    "text": provision[:MAX_PROVISION],
                    "kinds": kinds,
                    "terms": list(dict.fromkeys(terms)),
                }
            )
            if len(out) >= MAX_HIGHLIGHTS:
                break
    return out


def counts(items: list[dict]) -> dict[str, int]:
    c: Counter = Counter()
    for item in items:
        c.update(item["kinds"])
    return dict(c)
