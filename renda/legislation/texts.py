"""The structure of a local-regulation draft (地方性法规草案) and a comparison of two versions.

An office types or pastes a draft as plain text. :func:`parse` splits it into the units of
立法法 第六十五条 — 编, 章, 节 and 条, each 条 holding its 款 as paragraphs (a 项 such as
（一）… or a 目 stays a paragraph of its own) — and :func:`validate` lists what the office
should look at before saving. :func:`compare` aligns two versions article by article for a
修改前后对照: unchanged articles that only moved to a new number are "same" and flagged
``renumbered``, edited ones are "changed" with a character-level diff, and the rest are
"added" or "removed". Labels are rewritten in the standard form (第一百零三条) so that two
versions typed with different numerals still line up.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from heapq import nlargest

PREAMBLE = "preamble"
PART = "part"
CHAPTER = "chapter"
SECTION = "section"
ARTICLE = "article"

_KINDS = {"编": PART, "章": CHAPTER, "节": SECTION, "条": ARTICLE}
_CHARS = {kind: char for char, kind in _KINDS.items()}
# How validate() names each level in a message.
_NOUNS = {PART: "编", CHAPTER: "章", SECTION: "节", ARTICLE: "条文"}

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_WRITTEN = "零一二三四五六七八九"

_NUMERAL = "[零〇一二两三四五六七八九十百千0-9]+"
_MARKER = re.compile(
    rf"第(?P<number>{_NUMERAL})(?:(?P<level>[编章节])|条(?:之(?P<suffix>{_NUMERAL}))?)"
)
# Word and PDF copies carry these; they are invisible to the office and must not split
# or change a text.
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060]")
# Spacing between Chinese characters is layout (总　　则), not content; between two
# Latin words it is content and is kept as one space.
_CJK_GAP = re.compile(r"\s+(?=[^\x00-\x7f\s])|(?<=[^\x00-\x7f\s])\s+")
_SPACES = re.compile(r"\s+")
# What compare() may spend looking for an article's former text away from its place:
# shared pairs of characters counted (about 20 ns each, and _SCAN_COST of them for each
# pair of units) and pairs of characters weighed by ratio() in vain (about 10 ns each on
# Chinese text). A wholly rewritten 200-article draft then takes a few tenths of a
# second; a revision never reaches either limit.
_SCANS = 6_000_000
_SCAN_COST = 50
_WEIGHS = 10_000_000
# How many old units are weighed for each new one, besides the one in its place.
_CANDIDATES = 3

_Opcodes = list[tuple[str, int, int, int, int]]


def chinese_number(text: str) -> int:
    """Return the value of a numeral written in Chinese (一百零三) or in ASCII digits."""
    if text.isascii() and text.isdigit():
        return int(text)
    if text in ("零", "〇"):
        return 0
    if not text:
        raise ValueError("empty numeral")
    total = 0
    last_unit = 10000
    digit: int | None = None
    digit_char = ""
    zero = False
    for position, char in enumerate(text):
        if char in _UNITS:
            unit = _UNITS[char]
            if digit is None:
                # Only a leading 十 stands without its digit (十一); 一百十 is not standard.
                if position or unit != 10:
                    raise ValueError(f"invalid Chinese numeral: {text!r}")
                digit = 1
            # A 零 stands for a skipped place, so 一百零十 and 一千零二百 are wrong.
            if unit >= last_unit or (zero and unit * 10 >= last_unit):
                raise ValueError(f"invalid Chinese numeral: {text!r}")
            if digit_char == "两" and unit == 10:
                raise ValueError(f"invalid Chinese numeral: {text!r}")
            total += digit * unit
            last_unit, digit, digit_char, zero = unit, None, "", False
        elif char in _DIGITS:
            value = _DIGITS[char]
            if digit is not None:
                raise ValueError(f"invalid Chinese numeral: {text!r}")
            if value == 0:
                if zero or last_unit in (10, 10000):
                    raise ValueError(f"invalid Chinese numeral: {text!r}")
                zero = True
                continue
            digit, digit_char = value, char
        else:
            raise ValueError(f"invalid Chinese numeral: {text!r}")
    if digit is not None:
        # 一百二 reads as 120 in speech but is ambiguous in a heading; 两 needs its unit.
        if digit_char == "两" or (last_unit not in (10, 10000) and not zero):
            raise ValueError(f"invalid Chinese numeral: {text!r}")
        total += digit
    elif zero:
        raise ValueError(f"invalid Chinese numeral: {text!r}")
    return total


def chinese_numeral(number: int) -> str:
    """Return the standard Chinese numeral for 0–9999, as in 第一百零三条."""
    if not 0 <= number <= 9999:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if zero:
                out += "零"
            out += _WRITTEN[digit] + unit
            zero = False
        elif out:
            zero = True
    # 十一, not 一十一; within a larger number the 一 stays (一百一十).
    return out[1:] if out.startswith("一十") else out


def _label(kind: str, number: int, suffix: int | None = None) -> str:
    label = f"第{chinese_numeral(number)}{_CHARS[kind]}"
    return label if suffix is None else f"{label}之{chinese_numeral(suffix)}"


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", _CJK_GAP.sub("", text)).strip()


@dataclass(frozen=True)
class Unit:
    """One preamble, 编, 章, 节 or 条 of a draft."""

    kind: str
    number: int | None
    suffix: int | None
    label: str
    heading: str
    paragraphs: tuple[str, ...]
    chapter: str

    @property
    def key(self) -> str:
        """Return a stable key such as ``article-10-1`` or ``chapter-2``."""
        if self.number is None:
            return self.kind
        if self.suffix is None:
            return f"{self.kind}-{self.number}"
        return f"{self.kind}-{self.number}-{self.suffix}"

    @property
    def text(self) -> str:
        """Return the paragraphs, one a line."""
        return "\n".join(self.paragraphs)

    @property
    def body(self) -> str:
        """Return what compare() matches and diffs: the text, after the heading if any."""
        return "\n".join(part for part in (self.heading, *self.paragraphs) if part)

    @property
    def is_article(self) -> bool:
        """Return whether this unit is a 条."""
        return self.kind == ARTICLE


@dataclass
class _Open:
    kind: str
    number: int | None = None
    suffix: int | None = None
    heading: str = ""
    chapter: str = ""
    paragraphs: list[str] = field(default_factory=list)

    def close(self) -> Unit:
        label = "" if self.number is None else _label(self.kind, self.number, self.suffix)
        return Unit(
            kind=self.kind,
            number=self.number,
            suffix=self.suffix,
            label=label,
            heading=self.heading,
            paragraphs=tuple(self.paragraphs),
            chapter=self.chapter,
        )


@dataclass(frozen=True)
class _Marker:
    kind: str
    number: int
    suffix: int | None
    rest: str
    spaced: bool


def _marker(line: str) -> _Marker | None:
    match = _MARKER.match(line)
    if match is None:
        return None
    try:
        number = chinese_number(match["number"])
        suffix = None if match["suffix"] is None else chinese_number(match["suffix"])
    except ValueError:
        return None
    rest = line[match.end() :]
    kind = _KINDS[match["level"]] if match["level"] else ARTICLE
    return _Marker(kind, number, suffix, rest, not rest or rest[0].isspace())


@dataclass
class _Outline:
    """The numbers reached so far, to tell a heading from a reference to one."""

    part: int = 0
    chapter: int = 0
    section: int = 0
    article: tuple[int, int | None] | None = None

    def expects(self, marker: _Marker) -> bool:
        if marker.kind == ARTICLE:
            if marker.suffix is None:
                last = self.article[0] if self.article else 0
                return marker.number == last + 1
            return (
                self.article is not None
                and marker.number == self.article[0]
                and marker.suffix == (self.article[1] or 0) + 1
            )
        return marker.number == getattr(self, marker.kind) + 1

    def advance(self, marker: _Marker) -> None:
        if marker.kind == ARTICLE:
            self.article = (marker.number, marker.suffix)
        elif marker.kind == PART:
            self.part, self.chapter, self.section = marker.number, 0, 0
        elif marker.kind == CHAPTER:
            self.chapter, self.section = marker.number, 0
        else:
            self.section = marker.number


def parse(text: str) -> list[Unit]:
    """Split a draft into its preamble, 编, 章, 节 and 条."""
    units: list[Unit] = []
    current = _Open(PREAMBLE)
    outline = _Outline()
    chapter = ""
    # A pasted 目录 lists the headings once before the body repeats them; its lines
    # belong to the preamble until the first listed heading comes round again.
    in_contents = False
    first_entry: tuple[str, int] | None = None
    for raw in text.splitlines():
        line = _INVISIBLE.sub("", raw).strip()
        if not line:
            continue
        marker = _marker(line)
        if current.kind == PREAMBLE and not in_contents and _squeeze(line) == "目录":
            in_contents = True
        elif in_contents and marker is not None:
            entry = (marker.kind, marker.number)
            if marker.kind != ARTICLE and entry != first_entry:
                first_entry = first_entry or entry
                current.paragraphs.append(_squeeze(line))
                continue
            in_contents = False
        if marker is None or not (marker.spaced or outline.expects(marker)):
            current.paragraphs.append(_squeeze(line))
            continue
        if current.kind != PREAMBLE or current.paragraphs:
            units.append(current.close())
        outline.advance(marker)
        rest = _squeeze(marker.rest)
        label = _label(marker.kind, marker.number, marker.suffix)
        if marker.kind == PART:
            chapter = ""
        elif marker.kind == CHAPTER:
            chapter = f"{label} {rest}".strip()
        if marker.kind == ARTICLE:
            current = _Open(ARTICLE, marker.number, marker.suffix, chapter=chapter)
            if rest:
                current.paragraphs.append(rest)
        else:
            current = _Open(marker.kind, marker.number, heading=rest, chapter=chapter)
    if current.kind != PREAMBLE or current.paragraphs:
        units.append(current.close())
    return units


def validate(units: Sequence[Unit]) -> list[str]:
    """Return the problems an office should see before saving a draft, in Chinese."""
    problems: list[str] = []
    previous: dict[str, Unit | None] = {PART: None, CHAPTER: None, SECTION: None, ARTICLE: None}
    last_article: Unit | None = None
    for unit in units:
        if unit.number is None:
            continue
        if unit.kind == ARTICLE and unit.suffix is not None:
            # 第十条之一 is inserted without renumbering the rest, so it follows 第十条 directly,
            # and 第十条之二 follows 第十条之一.
            if (
                last_article is None
                or last_article.number != unit.number
                or (last_article.suffix or 0) + 1 != unit.suffix
            ):
                after = f"，前一条是{last_article.label}" if last_article else ""
                problems.append(f"{unit.label}的位置不对{after}")
        else:
            before = previous[unit.kind]
            noun = _NOUNS[unit.kind]
            where = f"{unit.chapter}：" if unit.kind == SECTION and unit.chapter else ""
            if before is None:
                if unit.number != 1:
                    expected = _label(unit.kind, 1)
                    problems.append(f"{where}{noun}序号应从{expected}开始，实为{unit.label}")
            elif unit.number == before.number:
                # A repeated article number is counted once below, wherever it repeats.
                if unit.kind != ARTICLE:
                    problems.append(f"{where}{unit.label}重复出现")
            elif unit.number != (before.number or 0) + 1:
                expected = _label(unit.kind, (before.number or 0) + 1)
                problems.append(
                    f"{where}{noun}序号不连续：{before.label}之后是{unit.label}，应为{expected}"
                )
            previous[unit.kind] = unit
            # Chapters start again in each 编 and sections in each 章.
            if unit.kind == PART:
                previous[CHAPTER] = previous[SECTION] = None
            elif unit.kind == CHAPTER:
                previous[SECTION] = None
        if unit.kind == ARTICLE:
            last_article = unit
            if not unit.text.strip():
                problems.append(f"{unit.label}没有条文内容")
    counts = Counter(unit.label for unit in units if unit.is_article)
    for label, count in counts.items():
        if count > 1:
            problems.append(f"{label}重复出现{count}次")
    return problems


@dataclass(frozen=True)
class Segment:
    """A run of characters kept, inserted or deleted between two versions."""

    op: str
    text: str


@dataclass(frozen=True)
class Row:
    """One line of a 修改前后对照: an old unit, a new one, or both."""

    status: str
    old: Unit | None
    new: Unit | None
    segments: tuple[Segment, ...]
    renumbered: bool


def _segments(old: str, new: str, opcodes: _Opcodes | None = None) -> tuple[Segment, ...]:
    if opcodes is None:
        opcodes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            segments.append(Segment("equal", old[i1:i2]))
            continue
        if i2 > i1:
            segments.append(Segment("delete", old[i1:i2]))
        if j2 > j1:
            segments.append(Segment("insert", new[j1:j2]))
    return tuple(segments)


def _row(old: Unit | None, new: Unit | None, opcodes: _Opcodes | None = None) -> Row:
    if old is not None and new is not None:
        if old.body == new.body:
            segments = (Segment("equal", new.body),) if new.body else ()
            status = "same"
        else:
            segments = _segments(old.body, new.body, opcodes)
            status = "changed"
        return Row(status, old, new, segments, old.label != new.label)
    if old is not None:
        return Row("removed", old, None, (Segment("delete", old.body),) if old.body else (), False)
    assert new is not None
    return Row("added", None, new, (Segment("insert", new.body),) if new.body else (), False)


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[at : at + 2] for at in range(max(len(text) - 1, 1)))


def _likely(
    old: Sequence[Unit], new: Sequence[Unit], threshold: float, scans: int
) -> list[tuple[float, int, int, int]]:
    """Return the pairs of a block worth weighing, likeliest first."""
    # Shared pairs of characters, a set operation done in C, rank the old units near each
    # new one's place; ratio() is then spent on the few at the top and on the one in its
    # place. How near is set by the budget, so that a wholly rewritten long draft is not
    # compared article by article with every other.
    n, m = len(old), len(new)
    kinds = [unit.kind for unit in old]
    lengths = [len(unit.body) for unit in old]
    grams = [_bigrams(unit.body) for unit in old]
    sizes = [len(each) for each in grams]
    per_pair = _SCAN_COST + sum(sizes) / n
    reach = max(0, int(scans / per_pair / m) - 1) // 2
    likely: dict[tuple[int, int], tuple[float, int, int, int]] = {}
    for j, unit in enumerate(new):
        length = len(unit.body)
        mine = _bigrams(unit.body)
        size = len(mine)
        centre = (2 * j + 1) * n // (2 * m)
        scored = [
            (2 * len(grams[i] & mine) / (sizes[i] + size), -abs(i - centre), i)
            for i in range(max(0, centre - reach), min(n, centre + reach + 1))
            # The second test is real_quick_ratio(), the bound lengths alone give.
            if kinds[i] == unit.kind
            and 2 * min(lengths[i], length) >= threshold * (lengths[i] + length)
        ]
        for share, closeness, i in nlargest(_CANDIDATES, scored):
            likely[i, j] = (-share, -closeness, i, j)
        if kinds[centre] == unit.kind and (centre, j) not in likely:
            share = 2 * len(grams[centre] & mine) / (sizes[centre] + size)
            likely[centre, j] = (-share, 0, centre, j)
    return sorted(likely.values())


def _pairs(
    old: Sequence[Unit], new: Sequence[Unit], threshold: float, scans: int, weighs: int
) -> list[tuple[int, int, _Opcodes]]:
    if not old or not new:
        return []
    # SequenceMatcher caches what it learns about its second sequence: one a new unit.
    matchers: dict[int, SequenceMatcher[str]] = {}
    best_old: dict[int, float] = {}
    best_new: dict[int, float] = {}
    candidates: list[tuple[float, int, int]] = []
    opcodes: dict[tuple[int, int], _Opcodes] = {}
    for _, _, i, j in _likely(old, new, threshold, scans):
        if weighs < 0:
            break
        before, after = old[i], new[j]
        matcher = matchers.get(j)
        if matcher is None:
            matcher = matchers[j] = SequenceMatcher(None, "", after.body, autojunk=False)
        matcher.set_seq1(before.body)
        # quick_ratio() bounds ratio() from above at a tenth of the cost. A pair no more
        # similar than what both its units already have could only win where that
        # partner crosses another pair, rare enough not to weigh it.
        bound = matcher.quick_ratio()
        if bound < threshold or bound < min(best_old.get(i, 0.0), best_new.get(j, 0.0)):
            continue
        ratio = matcher.ratio()
        # Only a pair that fails is charged: one that holds is a diff the comparison
        # shows anyway.
        if ratio < threshold:
            weighs -= len(before.body) * len(after.body)
        else:
            candidates.append((-ratio, i, j))
            opcodes[i, j] = matcher.get_opcodes()
            best_old[i] = max(best_old.get(i, 0.0), ratio)
            best_new[j] = max(best_new.get(j, 0.0), ratio)
    # Best pairs first rather than first fit: penalty articles resemble one another, and
    # an edited one should pair with its own former text, not with a deleted neighbour.
    candidates.sort()
    olds: list[int] = []
    news: list[int] = []
    for _, i, j in candidates:
        at = bisect_left(olds, i)
        if at < len(olds) and olds[at] == i:
            continue
        # Pairs may not cross, so that the comparison reads in document order.
        if (at and news[at - 1] >= j) or (at < len(news) and news[at] <= j):
            continue
        olds.insert(at, i)
        news.insert(at, j)
    return [(i, j, opcodes[i, j]) for i, j in zip(olds, news, strict=True)]


def _align(
    old: Sequence[Unit], new: Sequence[Unit], threshold: float, scans: int, weighs: int
) -> list[Row]:
    rows: list[Row] = []
    i = j = 0
    for paired_old, paired_new, opcodes in _pairs(old, new, threshold, scans, weighs):
        rows.extend(_row(unit, None) for unit in old[i:paired_old])
        rows.extend(_row(None, unit) for unit in new[j:paired_new])
        rows.append(_row(old[paired_old], new[paired_new], opcodes))
        i, j = paired_old + 1, paired_new + 1
    rows.extend(_row(unit, None) for unit in old[i:])
    rows.extend(_row(None, unit) for unit in new[j:])
    return rows


def compare(old: Sequence[Unit], new: Sequence[Unit], *, threshold: float = 0.5) -> list[Row]:
    """Align two versions of a draft unit by unit, in the order of the new version."""
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be between 0 and 1, not {threshold}")
    matcher = SequenceMatcher(
        None,
        [(unit.kind, unit.body) for unit in old],
        [(unit.kind, unit.body) for unit in new],
        autojunk=False,
    )
    opcodes = matcher.get_opcodes()
    # Each changed stretch gets its share of the search, so that one long rewritten
    # stretch cannot leave the next without any.
    changed = sum(i2 - i1 + j2 - j1 for tag, i1, i2, j1, j2 in opcodes if tag != "equal")
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            rows.extend(_row(a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        size = i2 - i1 + j2 - j1
        # A floor lets a short stretch weigh its few articles whatever the rest costs.
        scans = max(_SCANS * size // changed, _SCANS // 20)
        weighs = max(_WEIGHS * size // changed, _WEIGHS // 20)
        rows.extend(_align(old[i1:i2], new[j1:j2], threshold, scans, weighs))
    return rows


def summary(rows: Sequence[Row]) -> dict[str, int]:
    """Count the articles that are the same, changed, added and removed."""
    counts = dict.fromkeys(("same", "changed", "added", "removed"), 0)
    for row in rows:
        unit = row.new or row.old
        if unit is not None and unit.is_article:
            counts[row.status] += 1
    return counts
