"""Accuracy of the suggestion assignment help (rule S27) on held-out demo data.

Usage::

    python bench/assignment_accuracy.py [--count 600] [--test-share 0.2] [--splits 5] [--seed 2022]

Builds the demo corpus of :func:`renda.devtools.suggestions_demo.build_suggestion_texts`
(the same texts ``seed_demo`` loads), shuffles it into ``--splits`` different
train/held-out splits, trains :class:`renda.suggestions.assignment_help.AssignmentModel`
on each training part and measures on the held-out part how often the staff's
lead unit is the first proposal (top-1) or among the first three (top-3), and how
many of the staff's co-handlers the proposal names (co-handler recall). The
baseline always proposes the most frequent lead units of the training part.
No database and no network. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--test-share", type=float, default=0.2)
    parser.add_argument("--splits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()

    import django

    django.setup()
    from renda.devtools.suggestions_demo import build_suggestion_texts
    from renda.suggestions.assignment_help import AssignmentModel, Example, accuracy

    rows = build_suggestion_texts(args.count, seed=args.seed)
    codes = sorted({r.lead for r in rows} | {c for r in rows for c in r.co_handlers})
    ids = {c: i for i, c in enumerate(codes)}
    examples = [
        Example(f"{r.title}\n{r.content}", ids[r.lead], tuple(ids[c] for c in r.co_handlers))
        for r in rows
    ]
    results = []
    for split in range(args.splits):
        order = list(range(len(examples)))
        random.Random(f"split-{split}").shuffle(order)
        cut = int(len(order) * (1 - args.test_share))
        train = [examples[i] for i in order[:cut]]
        test = [examples[i] for i in order[cut:]]
        started = time.perf_counter()
        model = AssignmentModel.train(train)
        trained = time.perf_counter()
        acc = accuracy(model, test)
        proposed = time.perf_counter()
        wanted = found = 0
        for e in test:
            co = {s.unit_id for s in model.propose(e.text).co_handlers}
            wanted += len(e.co_handlers)
            found += len(co & set(e.co_handlers))
        frequent = [u for u, _ in Counter(e.lead for e in train).most_common(3)]
        results.append(
            {
                "top1": acc["top1"],
                "top3": acc["top3"],
                "co_recall": found / wanted if wanted else 0.0,
                "baseline_top1": sum(e.lead == frequent[0] for e in test) / len(test),
                "baseline_top3": sum(e.lead in frequent for e in test) / len(test),
                "train_ms": (trained - started) * 1000,
                "propose_ms": (proposed - trained) * 1000 / len(test),
            }
        )
        print(
            f"split {split}: train {len(train)}, held out {len(test)}, "
            f"top-1 {acc['top1']:.3f}, top-3 {acc['top3']:.3f}",
            file=sys.stderr,
        )

    def summary(key: str) -> dict[str, float]:
        values = [r[key] for r in results]
        return {
            "mean": round(statistics.mean(values), 3),
            "min": round(min(values), 3),
            "max": round(max(values), 3),
        }

    print(
        json.dumps(
            {
                "count": len(examples),
                "units": len(codes),
                "splits": args.splits,
                "held_out": len(examples) - int(len(examples) * (1 - args.test_share)),
                "top1": summary("top1"),
                "top3": summary("top3"),
                "co_handler_recall": summary("co_recall"),
                "baseline_top1": summary("baseline_top1"),
                "baseline_top3": summary("baseline_top3"),
                "train_ms": summary("train_ms"),
                "propose_ms": summary("propose_ms"),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
