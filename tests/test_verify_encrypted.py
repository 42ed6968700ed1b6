"""The stand-alone verifier on encrypted exports: it accepts the honest export and names
each kind of tampering, even by an operator who rewrites the whole log and seal."""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import renda_crypto as rc
from renda_crypto import ballot as rb
from renda_verify import VerificationError, sha256, verify
from tests.encrypted_export import POLL, build, rechain, scrutineers

ROOT = Path(__file__).resolve().parent.parent
VOTES = [[1, 0, 0]] * 11 + [[0, 1, 0]] * 4 + [[0, 0, 1]] * 3


@pytest.fixture(scope="module")
def setup():
    return scrutineers(f"renda-poll:{POLL}", 4, 3)


@pytest.fixture(scope="module")
def honest(setup):
    return build("decision", VOTES, base=20, setup=setup)


@pytest.fixture
def export(honest):
    return copy.deepcopy(honest)


def fails(export, message):
    with pytest.raises(VerificationError, match=message):
        verify(export)


def key_of(export):
    return rc.PollKey.from_json(export["crypto"]["key"])


def close_payload(export):
    return next(e["payload"] for e in export["log"] if e["kind"] == "close")


def test_the_honest_export_verifies(honest):
    verify(honest)
    assert (honest["tally"]["yes"], honest["tally"]["no"], honest["tally"]["abstain"]) == (11, 4, 3)
    assert honest["crypto"]["counts"] == [11, 4, 3]


def test_an_election_export_verifies_and_refuses_a_wrong_count(setup):
    export = build(
        "election", [[1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 0, 1]], base=5, candidates=[8, 9, 10],
        seats=2, setup=setup,
    )  # fmt: skip
    verify(export)
    assert export["tally"]["votes"] == {"8": 3, "9": 1, "10": 1}
    assert export["tally"]["elected"] == [8]
    export["crypto"]["counts"][1] = 2
    fails(export, "decrypted totals")


def test_a_satisfaction_export_and_another_quorum_of_scrutineers(setup):
    export = build("satisfaction", [[0, 1, 0]] * 3, base=4, setup=setup, decrypt_with=[2, 3, 4])
    verify(export)
    assert export["tally"]["basically_satisfied"] == 3


def test_a_changed_ballot_is_caught(export):
    ciphertext = export["ballots"][0]["ballot"]["choices"][0]
    ciphertext["beta"], ciphertext["alpha"] = ciphertext["alpha"], ciphertext["beta"]
    fails(export, "hash mismatch")
    entry = export["ballots"][0]
    entry["hash"] = rb.receipt(entry["ballot"])
    export["ballots"].sort(key=lambda e: e["hash"])
    fails(export, "invalid ballot proof")


def test_a_ballot_swapped_for_another_valid_one_is_caught(export):
    fresh = rc.encrypt(key_of(export), [0, 1, 0])
    export["ballots"][3] = {"hash": rc.receipt(fresh), "ballot": fresh}
    export["ballots"].sort(key=lambda e: e["hash"])
    fails(export, "ballots digest mismatch")


def test_a_dropped_ballot_is_caught(export):
    del export["ballots"][5]
    fails(export, "ballot count differs")


def test_an_added_ballot_is_caught_even_with_a_rewritten_log(export):
    fresh = rc.encrypt(key_of(export), [1, 0, 0])
    export["ballots"].append({"hash": rc.receipt(fresh), "ballot": fresh})
    export["ballots"].sort(key=lambda e: e["hash"])
    fails(export, "ballot count differs")
    close = close_payload(export)
    close["ballots"] += 1
    close["ballots_digest"] = sha256(sorted(e["hash"] for e in export["ballots"]))
    rechain(export)
    export["voters"] = export["voters"] + [20]
    close["voters_digest"] = sha256({"poll": POLL, "voters": sorted(export["voters"])})
    rechain(export)
    fails(export, "encrypted totals differ")
    # Even with the totals recomputed, the scrutineers' decryption proofs no longer fit.
    cts = [rc.verify_ballot(key_of(export), e["ballot"]) for e in export["ballots"]]
    export["crypto"]["totals"] = [rb.encode_ciphertext(c) for c in rc.homomorphic_totals(3, cts)]
    fails(export, "decryption proof")


def test_a_copied_ballot_is_caught(export):
    export["ballots"].append(copy.deepcopy(export["ballots"][0]))
    export["ballots"].sort(key=lambda e: e["hash"])
    fails(export, "a copy")


def test_a_wrong_total_is_caught_even_with_a_rewritten_log_and_seal(export):
    export["crypto"]["counts"] = [10, 5, 3]
    for entry in export["log"]:
        if entry["kind"] == "tally":
            entry["payload"]["tally"].update(yes=10, no=5)
    rechain(export)
    fails(export, r"decrypted totals \[11, 4, 3\] != published totals \[10, 5, 3\]")


def test_a_tally_that_does_not_follow_the_decryption_is_caught(export):
    for entry in export["log"]:
        if entry["kind"] == "tally":
            entry["payload"]["tally"]["yes"] = 16
    rechain(export)
    fails(export, "tally differs from log: yes 11 != 16")


def test_a_wrong_ballot_proof_is_caught(export):
    entry = export["ballots"][2]
    entry["ballot"]["choices"][1]["proof"][0]["s"] = "00" * 31 + "07"
    entry["hash"] = rb.receipt(entry["ballot"])
    export["ballots"].sort(key=lambda e: e["hash"])
    fails(export, "invalid ballot proof")


def test_a_wrong_decryption_proof_is_caught(export):
    proof = export["crypto"]["partials"][1]["proofs"][0]
    proof["c"], proof["s"] = proof["s"], proof["c"]
    fails(export, "decryption proof: partial decryption of scrutineer 2")


def test_too_few_partial_decryptions_are_caught(export):
    export["crypto"]["partials"].pop()
    fails(export, "2 partial decryptions, 3 needed")


def test_a_key_not_made_by_the_scrutineers_is_caught(export):
    lone, _ = scrutineers(f"renda-poll:{POLL}", 1, 1)  # e.g. the operator's own key
    export["crypto"]["key"]["public_key"] = lone["public_key"]
    fails(export, "crypto digest mismatch")
    opening = export["log"][0]["payload"]
    opening["crypto_digest"] = sha256(
        {"key": export["crypto"]["key"], "trustees": export["crypto"]["trustees"]}
    )
    rechain(export)
    fails(export, "not the joint key of the dealings")


def test_the_export_names_no_choice_and_receipts_prove_inclusion(honest):
    """Timing-free check of the format: the box is ciphertexts and proofs only, and an honest
    voter finds the receipt the terminal showed them."""
    assert honest["format"] == "renda-poll-export-encrypted/1"
    for entry in honest["ballots"]:
        assert set(entry) == {"hash", "ballot"}
        assert set(entry["ballot"]) == {"choices", "sum_proof"}
        assert entry["hash"] == rb.receipt(entry["ballot"])
    text = json.dumps(honest["ballots"])
    assert not any(word in text for word in ('"yes"', '"no"', '"abstain"', '"choice"'))
    receipts = {e["hash"] for e in honest["ballots"]}
    mine = rc.encrypt(key_of(honest), [0, 0, 1])
    assert rc.receipt(mine) not in receipts  # a receipt for a ballot not cast is not found
    assert set(honest["crypto"]) == {"key", "trustees", "totals", "partials", "counts"}
    assert honest["crypto"]["key"]["group"] == "secp256k1"


def test_the_command_line_accepts_the_honest_export_and_names_a_fault(tmp_path, honest):
    def run(data):
        path = tmp_path / "export.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "renda_verify", str(path)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        return done.returncode, done.stdout.strip()

    assert run(honest) == (0, "OK")
    broken = copy.deepcopy(honest)
    del broken["ballots"][random.Random(3).randrange(len(broken["ballots"]))]
    code, out = run(broken)
    assert code == 1 and "ballot count differs" in out


def test_the_verifier_loads_no_django_or_renda_for_an_encrypted_export(tmp_path, honest):
    path = tmp_path / "export.json"
    path.write_text(json.dumps(honest), encoding="utf-8")
    code = (
        "import sys, json, renda_verify; renda_verify.verify(json.load(open(sys.argv[1]))); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'renda'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.stdout.strip() == "[]", done.stderr
