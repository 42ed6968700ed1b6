"""The server administrator's attack on an encrypted poll, measured (issue: secret ballots).

The attacker holds everything the operator holds: the database and its WAL read after
every single cast (a copy taken after each commit), every log line, the configuration and
its secrets (``SECRET_KEY``) — but no scrutineer's device. 310 members cast one by one,
through the real cast route, choices drawn at random from a skewed distribution the
attacker is told. With a read after each cast the attacker links every member to their
exact ballot row (row order, WAL replay and the roll's ``has_voted`` all give it away:
the linkage is complete). What matters is what the linked ballot says, and the attacks
below all try to read a choice from it:

- plain text: an option word that appears in the database, WAL or log bytes with the cast;
- the stored ballot learnt: a classifier trained on half of the members (whose choices
  the attacker is given, say by colluders) from every stored feature of the ballot row
  (length, each point's parity byte, each hex digit's position-wise value), tested on the
  other half;
- anything stored beside the ballot: the idempotency record (HMAC under the server secret).

Each attack's hits on the test half must stay within the 99 % binomial bound of always
guessing the commonest choice. On a level-1 (unencrypted) poll the same plain-text attack
reads every choice: the control that shows the probe can see.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import random
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

import renda_crypto as rc
from renda.voting import fastpath
from renda.voting.tests.asgi_client import call, run_in_thread
from renda.voting.tests.terminals import terminal_token
from tests.scrutineer_devices import appoint

pytestmark = pytest.mark.django_db(transaction=True)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="reads the SQLite file and its WAL as an operator"
)

VOTERS = 310
WEIGHTS = {"yes": 0.5, "no": 0.3, "abstain": 0.2}
WORDS = {o: [f'"{o}"'.encode()] for o in WEIGHTS}
VECTOR = {"yes": [1, 0, 0], "no": [0, 1, 0], "abstain": [0, 0, 1]}


class Operator:
    """What the server's administrator reads after each commit: the file, its WAL, the logs."""

    def __init__(self, db_path: str, poll_id: int, log_lines: list[str]):
        self.db = Path(db_path)
        self.wal = Path(db_path + "-wal")
        self.poll_id = poll_id
        self.log_lines = log_lines
        self.seen: set[str] = set()
        self.words = self._words()
        self.logged = 0

    def _bytes(self) -> bytes:
        data = self.db.read_bytes()
        if self.wal.exists():
            data += self.wal.read_bytes()
        return data

    def _words(self) -> Counter:
        data = self._bytes()
        return Counter({o: sum(data.count(w) for w in ws) for o, ws in WORDS.items()})

    def after_cast(self) -> dict:
        """The new ballot row (the WAL is replayed by opening the file read-only) and any
        option word that appeared in the files or logs with this cast."""
        with sqlite3.connect(f"file:{self.db}?mode=ro", uri=True) as reader:
            rows = reader.execute(
                "SELECT id, choice, hash FROM voting_ballot WHERE poll_id = ?", (self.poll_id,)
            ).fetchall()
            keys = reader.execute(
                "SELECT digest, receipt FROM voting_idempotencykey WHERE poll_id = ?",
                (self.poll_id,),
            ).fetchall()
        new = [r for r in rows if r[0] not in self.seen]
        self.seen.update(r[0] for r in new)
        words = self._words()
        grown = {o for o in WEIGHTS if words[o] > self.words[o]}
        self.words = words
        text = "\n".join(self.log_lines[self.logged :])
        self.logged = len(self.log_lines)
        grown |= {o for o in WEIGHTS if f'"{o}"' in text}
        assert len(new) == 1, "one cast, one new row: the linkage is complete"
        return {"row": new[0], "words": grown, "keys": dict(keys)}


def features(row) -> list[str]:
    """Every stored feature of a ballot row, as discrete values a classifier can count."""
    _id, choice, digest = row
    text = choice if isinstance(choice, str) else json.dumps(choice)
    out = [f"len:{len(text)}", f"hash0:{digest[0]}"]
    try:
        ballot = json.loads(text)
    except ValueError:
        return [*out, f"plain:{text}"]
    if not isinstance(ballot, dict) or "choices" not in ballot:
        return [*out, f"plain:{text}"]
    for i, entry in enumerate(ballot["choices"]):
        for part in ("alpha", "beta"):
            out.append(f"{i}{part}:prefix:{entry[part][:2]}")
            out.append(f"{i}{part}:digit:{entry[part][2]}")
        for j, step in enumerate(entry["proof"]):
            out.append(f"{i}proof{j}:c:{step['c'][0]}")
    return out


def naive_bayes(train: list[tuple[list[str], str]], test: list[list[str]]) -> list[str]:
    prior = Counter(label for _f, label in train)
    counts: dict[str, Counter] = defaultdict(Counter)
    for feats, label in train:
        counts[label].update(feats)
    guesses = []
    for feats in test:
        best, best_score = None, -math.inf
        for label, n in prior.items():
            score = math.log(n)
            for f in feats:
                score += math.log((counts[label][f] + 1) / (n + 2))
            if score > best_score:
                best, best_score = label, score
        guesses.append(best)
    return guesses


def binomial_bound(n: int, p: float, quantile: float = 0.99) -> int:
    """The smallest k with P(X ≤ k) ≥ quantile for X ~ Binomial(n, p)."""
    total = 0.0
    for k in range(n + 1):
        total += math.comb(n, k) * p**k * (1 - p) ** (n - k)
        if total >= quantile:
            return k
    return n


def run_probe(term, staff, chair, encrypted: bool) -> dict:
    from renda.voting.services import poll_create, poll_open
    from renda.voting.tests.conftest import build_body

    body = build_body(term, VOTERS, prefix="p" if encrypted else "q")
    body.sign_in()
    if encrypted:
        appoint(body.meeting, staff, body.voters[:3], threshold=2)
    poll = poll_open(
        actor=chair, poll=poll_create(actor=staff, agenda_item=body.item, kind="decision")
    )
    assert poll.is_encrypted is encrypted
    key = rc.PollKey.from_json(poll.crypto["key"]) if encrypted else None
    rng = random.Random(11)
    choices = [rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0] for _ in body.voters]
    tokens = [terminal_token(v, body.meeting) for v in body.voters]
    lines: list[str] = []
    handler = logging.Handler(level=logging.DEBUG)
    handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger().addHandler(handler)
    previous = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    operator = Operator(settings.DATABASES["default"]["NAME"], poll.pk, lines)
    words_before = operator.words.copy()
    views = []

    async def main():
        from config.asgi import application

        try:
            for token, choice in zip(tokens, choices, strict=True):
                sent = rc.encrypt(key, VECTOR[choice]) if encrypted else choice
                status, _h, raw = await call(
                    application,
                    "POST",
                    "/chamber/cast",
                    body={"poll": poll.pk, "choice": sent, "key": f"k-{rng.random()}"},
                    headers={"X-Voter-Token": token},
                )
                assert status == 200, raw
                views.append(await asyncio.to_thread(operator.after_cast))
        finally:
            await fastpath.shutdown()

    try:
        run_in_thread(main)
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(previous)
    commonest, top = Counter(choices).most_common(1)[0]
    half = VOTERS // 2
    test_truth = choices[half:]
    attacks: dict[str, list[str]] = {}
    attacks["plain text in files and logs"] = [
        next(iter(v["words"])) if len(v["words"]) == 1 else commonest for v in views[half:]
    ]
    attacks["stored ballot, learnt"] = naive_bayes(
        [(features(v["row"]), c) for v, c in zip(views[:half], choices[:half], strict=True)],
        [features(v["row"]) for v in views[half:]],
    )
    # The idempotency record names a receipt, keyed by an HMAC the secret alone cannot invert;
    # the attacker links it to the voter anyway (it appears with the cast) and learns no more.
    assert all(v["row"][2] in v["keys"].values() for v in views)
    hits = {
        name: sum(g == t for g, t in zip(guesses, test_truth, strict=True))
        for name, guesses in attacks.items()
    }
    p = Counter(test_truth).most_common(1)[0][1] / len(test_truth)
    return {
        "hits": hits,
        "n": len(test_truth),
        "baseline": Counter(test_truth)[commonest],
        "bound": binomial_bound(len(test_truth), p),
        "top": top,
        # How often each option word grew in the files and logs over all the casts.
        "words_added": dict(operator.words - words_before),
        "choices": Counter(choices),
    }


@sqlite_only
def test_the_operator_learns_no_choice_from_an_encrypted_poll(term, users, capsys):
    result = run_probe(term, users["staff"], users["leader"], encrypted=True)
    best = max(result["hits"].values())
    with capsys.disabled():
        print(f"\nsecrecy probe (encrypted, {VOTERS} casts, test half {result['n']}): {result}")
    assert best <= result["bound"], result
    assert result["words_added"] == {}, "no option word reached the files or logs"


@sqlite_only
def test_the_same_probe_reads_every_choice_of_an_unencrypted_poll(term, users):
    result = run_probe(term, users["staff"], users["leader"], encrypted=False)
    assert result["hits"]["stored ballot, learnt"] == result["n"], result
    for option, count in result["choices"].items():
        assert result["words_added"].get(option, 0) >= count, result


def test_the_export_and_every_receipt_together_reveal_no_choice_but_prove_inclusion(
    term, users, capsys
):
    """A coercer holds the public export and every member's receipt (each member was made to
    hand theirs over), and is told the choices of half of them: the other half's choices stay
    at chance, and each receipt still finds its ballot in the published, verified box."""
    from renda.voting import selectors, services
    from renda.voting.tests.conftest import build_body
    from renda_verify import verify

    staff, chair = users["staff"], users["leader"]
    body = build_body(term, VOTERS, prefix="r")
    body.sign_in()
    _key, devices = appoint(body.meeting, staff, body.voters[:3], threshold=2)
    poll = services.poll_open(
        actor=chair, poll=services.poll_create(actor=staff, agenda_item=body.item, kind="decision")
    )
    key = rc.PollKey.from_json(poll.crypto["key"])
    rng = random.Random(23)
    choices = [rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0] for _ in body.voters]
    receipts = [
        services.ballot_cast(actor=v, poll=poll, choice=rc.encrypt(key, VECTOR[c])).receipt
        for v, c in zip(body.voters, choices, strict=True)
    ]
    services.poll_close(actor=chair, poll=poll)
    poll = devices.decrypt(poll, [1, 2])
    export = selectors.poll_export(poll)
    verify(export)
    box = {b["hash"]: b for b in export["ballots"]}
    assert all(set(b) == {"hash", "ballot"} for b in box.values())
    assert all(selectors.receipt_found(poll, r) and r in box for r in receipts)
    text = json.dumps(export["ballots"])
    assert not any(f'"{o}"' in text for o in WEIGHTS), "no option word in the published box"
    half = VOTERS // 2
    rows = [(None, box[r]["ballot"], r) for r in receipts]
    guesses = naive_bayes(
        [(features(row), c) for row, c in zip(rows[:half], choices[:half], strict=True)],
        [features(row) for row in rows[half:]],
    )
    truth = choices[half:]
    hits = sum(g == t for g, t in zip(guesses, truth, strict=True))
    top = Counter(truth).most_common(1)[0][1]
    bound = binomial_bound(len(truth), top / len(truth))
    with capsys.disabled():
        print(f"\nreceipt probe: {hits} of {len(truth)} (commonest {top}, 99% bound {bound})")
    assert hits <= bound
    # The published count is right all the same.
    tally = export["tally"]
    assert [tally[o] for o in WEIGHTS] == [choices.count(o) for o in WEIGHTS]
