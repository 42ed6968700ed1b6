"""Assignment help (科学筛选和转办, rule S27): propose the lead unit and co-handlers.

A small, dependency-free model learned from past assignments: each suggestion's
text is cut into jieba words, weighted by TF-IDF (sublinear term frequency, smooth
inverse document frequency) and normalised; a new text is compared by cosine
similarity with every past one, and its ``k`` nearest neighbours vote for their
lead unit (and, separately, for their co-handlers) with their similarity as the
weight. A unit's confidence is its share of the votes. Staff decide; the
proposal only orders the choice.

No database access here: :mod:`renda.suggestions.services` feeds the examples.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from renda.core.search import _jieba

#: Words that appear in nearly every suggestion and say nothing about the unit.
_STOPWORDS_TEXT = (
    "关于 建议 问题 加强 进一步 有关 部门 相关 工作 推进 推动 完善 解决 尽快 提高 提升 群众 部分 "
    "存在 情况 以上 予以 研究 办理 重视 恳请 希望 统筹 切实 形成 合力 协调 了解 反映 强烈 本人 "
    "选民 走访 调研 发现 据 当前 近年来 近年 我们 他们 一个 没有 以及 进行 实施 建立 健全 机制"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_TOKEN = re.compile(r"^[\u3400-\u9fffA-Za-z][\u3400-\u9fffA-Za-z0-9]+$")
DEFAULT_K = 15
DEFAULT_CO_HANDLER_SHARE = 0.3


def tokens(text: str) -> list[str]:
    """Return the content words of ``text``: jieba search-mode words of two or more characters."""
    return [
        w for w in _jieba().cut_for_search(text or "") if _TOKEN.match(w) and w not in STOPWORDS
    ]


@dataclass(frozen=True)
class Example:
    """One past assignment: the suggestion's text and the units staff chose."""

    text: str
    lead: int
    co_handlers: tuple[int, ...] = ()


@dataclass(frozen=True)
class UnitScore:
    """A proposed unit and the model's confidence in it (0–1)."""

    unit_id: int
    confidence: float


@dataclass(frozen=True)
class Proposal:
    """Ranked lead units (best first) and the co-handlers proposed for the best lead."""

    leads: tuple[UnitScore, ...]
    co_handlers: tuple[UnitScore, ...]

    @property
    def lead(self) -> UnitScore | None:
        return self.leads[0] if self.leads else None


Vector = dict[str, float]


class AssignmentModel:
    """TF-IDF + cosine k-nearest-neighbours over past assignments."""

    def __init__(
        self, *, idf: dict[str, float], vectors: list[Vector], examples: list[Example], k: int
    ):
        self.idf = idf
        self.vectors = vectors
        self.examples = examples
        self.k = k
        # Inverted index: word → [(example number, weight)], so scoring touches only
        # the examples that share a word with the query.
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, vec in enumerate(vectors):
            for word, weight in vec.items():
                self._postings[word].append((i, weight))

    @classmethod
    def train(cls, examples: Iterable[Example], *, k: int = DEFAULT_K) -> AssignmentModel:
        """Learn from ``examples``; an empty list gives a model that proposes nothing."""
        examples = list(examples)
        docs = [Counter(tokens(e.text)) for e in examples]
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(doc.keys())
        n = len(docs)
        idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        vectors = [cls._weigh(doc, idf) for doc in docs]
        return cls(idf=idf, vectors=vectors, examples=examples, k=k)

    @staticmethod
    def _weigh(doc: Counter[str], idf: dict[str, float]) -> Vector:
        vec = {w: (1.0 + math.log(c)) * idf[w] for w, c in doc.items() if w in idf}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {w: v / norm for w, v in vec.items()} if norm else {}

    def __len__(self) -> int:
        return len(self.examples)

    def neighbours(self, text: str) -> list[tuple[float, Example]]:
        """Return the ``k`` most similar past examples with their cosine similarity."""
        query = self._weigh(Counter(tokens(text)), self.idf)
        scores: dict[int, float] = defaultdict(float)
        for word, weight in query.items():
            for i, w in self._postings.get(word, ()):
                scores[i] += weight * w
        best = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[: self.k]
        return [(score, self.examples[i]) for i, score in best if score > 0]

    def propose(
        self, text: str, *, top: int = 3, co_handler_share: float = DEFAULT_CO_HANDLER_SHARE
    ) -> Proposal:
        """Rank lead units for ``text`` and propose co-handlers for the best one.

        A co-handler is proposed when neighbours holding at least ``co_handler_share``
        of the similarity weight listed it (the proposed lead itself excluded).
        """
        near = self.neighbours(text)
        total = sum(score for score, _ in near)
        if not near or total <= 0:
            return Proposal(leads=(), co_handlers=())
        lead_votes: dict[int, float] = defaultdict(float)
        for score, example in near:
            lead_votes[example.lead] += score
        ranked = sorted(lead_votes.items(), key=lambda item: (-item[1], item[0]))
        leads = tuple(UnitScore(unit, round(votes / total, 3)) for unit, votes in ranked[:top])
        best = leads[0].unit_id
        co_votes: dict[int, float] = defaultdict(float)
        for score, example in near:
            for unit in set(example.co_handlers) | {example.lead}:
                if unit != best:
                    co_votes[unit] += score
        co = sorted(
            (
                (unit, votes / total)
                for unit, votes in co_votes.items()
                if votes / total >= co_handler_share
            ),
            key=lambda item: (-item[1], item[0]),
        )
        return Proposal(
            leads=leads, co_handlers=tuple(UnitScore(unit, round(share, 3)) for unit, share in co)
        )


def accuracy(model: AssignmentModel, held_out: Iterable[Example]) -> dict[str, float]:
    """Return top-1 and top-3 accuracy of the lead proposal on ``held_out``."""
    n = top1 = top3 = 0
    for example in held_out:
        n += 1
        leads = [s.unit_id for s in model.propose(example.text, top=3).leads]
        top1 += bool(leads) and leads[0] == example.lead
        top3 += example.lead in leads
    return {"n": n, "top1": top1 / n if n else 0.0, "top3": top3 / n if n else 0.0}
