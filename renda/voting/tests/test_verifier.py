"""I1: the stand-alone verifier accepts an untouched export and names any tampering."""

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from renda.people.models import Person
from renda.voting import selectors, services

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def run_verifier(tmp_path, export) -> tuple[int, str]:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "renda_verify", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    return done.returncode, (done.stdout + done.stderr).strip()


@pytest.fixture
def export(make_poll, body, chair):
    poll = make_poll()
    services.poll_pause(actor=chair, poll=poll, reason="暂停")
    services.poll_resume(actor=chair, poll=poll)
    for i, user in enumerate(body.voters[:24]):
        services.ballot_cast(
            actor=user, poll=poll, choice="yes" if i < 20 else ["no", "abstain"][i % 2]
        )
    poll = services.poll_close(actor=chair, poll=poll)
    return selectors.poll_export(poll)


def test_untouched_export_is_ok(tmp_path, export):
    assert run_verifier(tmp_path, export) == (0, "OK")


def test_verifier_imports_nothing_from_django_or_renda():
    code = (
        "import sys, renda_verify, renda_verify.__main__; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'renda')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.stdout.strip() == "[]", done.stderr


def edit_log_payload(e):
    e["log"][1]["payload"]["reason"] = "改过"


def delete_log_entry(e):
    del e["log"][2]


def reorder_log(e):
    e["log"][1], e["log"][2] = e["log"][2], e["log"][1]


def renumber_after_delete(e):
    del e["log"][1]
    for i, entry in enumerate(e["log"], start=1):
        entry["seq"] = i


def edit_ballot(e):
    ballot = next(b for b in e["ballots"] if b["choice"] == "yes")
    ballot["choice"] = "no"


def delete_ballot(e):
    del e["ballots"][0]


def reorder_ballots(e):
    e["ballots"][0], e["ballots"][1] = e["ballots"][1], e["ballots"][0]


def rehash_edited_ballot(e):
    """Change a choice and recompute its hash: the digest logged at close no longer matches."""
    from renda_verify import sha256

    ballot = next(b for b in e["ballots"] if b["choice"] == "yes")
    ballot["choice"] = "no"
    ballot["hash"] = sha256(
        {"poll": e["poll"]["id"], "ballot": ballot["id"], "choice": "no", "nonce": ballot["nonce"]}
    )
    e["ballots"].sort(key=lambda b: b["hash"])


def edit_seal_tally(e):
    e["seal"]["tally"]["yes"] += 1
    e["tally"] = e["seal"]["tally"]


def edit_fingerprint(e):
    e["seal"]["fingerprint"] = "f" * 64


def edit_roll(e):
    e["roll"].pop()


def truncate_log(e):
    e["log"].pop()


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (edit_log_payload, "log entry 2: hash mismatch"),
        (delete_log_entry, "log entry 3: sequence number 4, expected 3"),
        (reorder_log, "log entry 2: sequence number 3, expected 2"),
        (renumber_after_delete, "log entry 2: previous-hash link broken"),
        (edit_ballot, "…: hash mismatch"),
        (delete_ballot, "ballot count differs"),
        (reorder_ballots, "ballots are not in published (hash) order"),
        (rehash_edited_ballot, "ballots digest mismatch"),
        (edit_seal_tally, "tally differs: yes 20 != 21"),
        (edit_fingerprint, "seal: fingerprint mismatch"),
        (edit_roll, "roll hash mismatch"),
        (truncate_log, "the log must end with 'tally'"),
    ],
)
def test_i1_tampering_is_detected(tmp_path, export, tamper, message):
    tampered = copy.deepcopy(export)
    tamper(tampered)
    code, output = run_verifier(tmp_path, tampered)
    assert code == 1
    assert message in output, output


def test_verifier_checks_manual_and_election_exports(tmp_path, body, staff, chair, users):
    people = [Person.objects.create(name=f"候选人{i}", gender="female") for i in range(3)]
    poll = services.poll_create(
        actor=staff, agenda_item=body.item, kind="election", seats=2, candidates=people
    )
    poll = services.poll_open(actor=chair, poll=poll)
    a, b, c = (p.pk for p in people)
    for i, user in enumerate(body.voters[:20]):
        services.ballot_cast(
            actor=user, poll=poll, choice={"candidates": [a, b] if i % 5 else [a, b, c]}
        )
    poll = services.poll_close(actor=chair, poll=poll)
    assert run_verifier(tmp_path, selectors.poll_export(poll)) == (0, "OK")

    manual = services.poll_create(
        actor=staff, agenda_item=body.item, kind="decision", method="show_of_hands"
    )
    manual = services.poll_open(actor=chair, poll=manual)
    manual = services.poll_close(actor=chair, poll=manual)
    for actor in (staff, users["admin"]):
        services.manual_count_enter(
            actor=actor, poll=manual, counts={"yes": 25, "no": 1, "abstain": 0}
        )
    manual.refresh_from_db()
    data = selectors.poll_export(manual)
    assert run_verifier(tmp_path, data) == (0, "OK")
    data["log"][2]["payload"]["counts"]["yes"] = 24
    assert run_verifier(tmp_path, data)[0] == 1
