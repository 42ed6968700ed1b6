"""The terminal's ballot encryption (static/voting/ballot_crypto.js, run by node) produces
exactly what the server's and the verifier's Python accepts, and nothing else."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import renda_crypto as rc
from renda_verify import verify
from tests.encrypted_export import POLL, build, scrutineers

STATIC = Path(__file__).resolve().parent.parent / "static" / "voting"
MODULE = STATIC / "ballot_crypto.js"
VENDOR = STATIC / "vendor" / "noble"
NODE = shutil.which("node")

DRIVER = """
import { encryptBallot, electionBallot, oneOf, ticks } from %s;
const input = JSON.parse(await new Promise((ok) => {
  let text = ""; process.stdin.on("data", (d) => (text += d)); process.stdin.on("end", () => ok(text));
}));
const out = input.jobs.map(([how, arg]) => {
  try {
    if (how === "election") return electionBallot(input.key, arg[0], arg[1]);
    const vector = how === "one" ? oneOf(input.key, arg) : how === "ticks" ? ticks(input.key, arg) : arg;
    return encryptBallot(input.key, vector);
  } catch (e) { return { error: String(e.message) }; }
});
process.stdout.write(JSON.stringify(out));
"""

#: Skipped only off CI: CI installs node (.ci/run), so there a missing node fails loudly.
needs_node = pytest.mark.skipif(
    NODE is None and not os.environ.get("CI"), reason="node is not installed"
)


def run_js(tmp_path, key: rc.PollKey, jobs: list) -> list[dict]:
    driver = tmp_path / "driver.mjs"
    driver.write_text(DRIVER % json.dumps(MODULE.as_uri()), encoding="utf-8")
    done = subprocess.run(
        [NODE, str(driver)],
        input=json.dumps({"key": key.to_json(), "jobs": jobs}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def setup():
    return scrutineers(f"renda-poll:{POLL}", 3, 2)


@needs_node
def test_ballots_encrypted_in_the_browser_script_verify_in_python(tmp_path, setup):
    decision = rc.decision_key(f"renda-poll:{POLL}", setup[0]["public_key"])
    election = rc.election_key(f"renda-poll:{POLL}", setup[0]["public_key"], 5, 2)
    for key, jobs in [
        (decision, [["one", 0], ["one", 1], ["one", 2]]),
        (election, [["ticks", []], ["ticks", [4]], ["ticks", [0, 3]]]),
    ]:
        out = run_js(tmp_path, key, jobs)
        assert len(out) == len(jobs)
        for made in out:
            assert len(rc.verify_ballot(key, made["ballot"])) == key.options
            assert made["receipt"] == rc.receipt(made["ballot"])


@needs_node
def test_the_browser_script_refuses_an_invalid_choice(tmp_path, setup):
    decision = rc.decision_key(f"renda-poll:{POLL}", setup[0]["public_key"])
    election = rc.election_key(f"renda-poll:{POLL}", setup[0]["public_key"], 4, 2)
    bad_decision = run_js(
        tmp_path, decision, [["raw", [1, 1, 0]], ["raw", [2, 0, 0]], ["raw", [0, 0]]]
    )
    bad_election = run_js(tmp_path, election, [["ticks", [0, 1, 2]], ["raw", [1, 0, 0, -1]]])
    for made in bad_decision + bad_election:
        assert "error" in made and "ballot" not in made


@needs_node
def test_a_poll_cast_from_the_browser_script_counts_right_in_the_verifier(tmp_path, setup):
    key = rc.decision_key(f"renda-poll:{POLL}", setup[0]["public_key"])
    jobs = [["one", 0]] * 5 + [["one", 1]] * 2 + [["one", 2]]
    ballots = [made["ballot"] for made in run_js(tmp_path, key, jobs)]
    export = build("decision", base=10, ballots=ballots, setup=setup)
    verify(export)
    assert export["crypto"]["counts"] == [5, 2, 1]
    assert (export["tally"]["yes"], export["tally"]["result"]) == (5, "failed")


@needs_node
def test_a_browser_ballot_changed_on_its_way_is_refused(tmp_path, setup):
    key = rc.decision_key(f"renda-poll:{POLL}", setup[0]["public_key"])
    ballot = run_js(tmp_path, key, [["one", 0]])[0]["ballot"]
    first, second = ballot["choices"][0], ballot["choices"][1]
    ballot["choices"][0], ballot["choices"][1] = second, first  # 赞成 turned into 反对
    with pytest.raises(rc.BallotError):
        rc.verify_ballot(key, ballot)


def test_the_curve_library_is_vendored_whole_with_its_licences():
    assert (VENDOR / "curves" / "LICENSE").read_text().startswith("The MIT License")
    assert (VENDOR / "hashes" / "LICENSE").read_text().startswith("The MIT License")
    specifier = re.compile(r"""^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']""", re.M)
    for path in [MODULE, *VENDOR.rglob("*.js")]:
        for spec in specifier.findall(path.read_text(encoding="utf-8")):
            assert spec.startswith("./") or spec.startswith("../"), (path, spec)
            assert (path.parent / spec).resolve().is_file(), (path, spec)
    assert "http" not in re.sub(r"//.*|/\*[\s\S]*?\*/", "", MODULE.read_text(encoding="utf-8"))


@needs_node
def test_write_ins_encrypted_in_the_browser_script_verify_and_open_in_python(tmp_path, setup):
    keys, shares = setup
    roster = [201, 202, 203]
    key = rc.election_key(f"renda-poll:{POLL}", keys["public_key"], 3, 2, roster)
    jobs = [
        ["election", [[0], [203]]],  # a candidate and a write-in
        ["election", [[], [201, 202]]],
        ["election", [[1, 2], []]],
        ["election", [[0, 1], [203]]],  # over the seats: refused
        ["election", [[], [999]]],  # not on the roster: refused
    ]
    made = run_js(tmp_path, key, jobs)
    assert all("error" in m for m in made[3:])
    ballots = [m["ballot"] for m in made[:3]]
    for m in made[:3]:
        rc.verify_ballot(key, m["ballot"])
        assert m["receipt"] == rc.receipt(m["ballot"])
    from renda_crypto import mix

    context, vkeys = f"renda-poll:{POLL}", keys["record"]["verification_keys"]
    pairs = mix.write_in_pairs(key, ballots)
    flat = mix.flatten(mix.verify_mix(context, key.public_key, pairs, mix.mix(
        context, key.public_key, pairs, 0), 0))  # fmt: skip
    factors = {
        j: rc.verify_partial(
            context, vkeys[j - 1], flat, rc.partial_decrypt(context, j, shares[j], flat)
        )
        for j in (1, 2)
    }
    values = mix.open_values(flat, factors, 2, len(roster))
    assert mix.count_write_ins(values, roster) == ({201: 1, 202: 1, 203: 1}, 0)
