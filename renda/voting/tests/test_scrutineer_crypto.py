"""The scrutineer's device script (static/voting/scrutineer_crypto.js, run by node) deals,
opens shares and decrypts exactly as renda_crypto.device does, and Python accepts its JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import renda_crypto as rc
from renda_crypto import device
from renda_crypto import group as g
from renda_crypto.ballot import decode_ciphertext, encode_ciphertext

MODULE = Path(__file__).resolve().parent.parent / "static" / "voting" / "scrutineer_crypto.js"
NODE = shutil.which("node")
CONTEXT = "renda-meeting:3:7"
POLL = "renda-poll:9"

DRIVER = """
import * as device from %s;
const input = JSON.parse(await new Promise((ok) => {
  let text = ""; process.stdin.on("data", (d) => (text += d)); process.stdin.on("end", () => ok(text));
}));
const out = input.map(([name, ...args]) => {
  try { return { ok: device[name](...args) }; } catch (e) { return { error: String(e.message) }; }
});
process.stdout.write(JSON.stringify(out));
"""

#: Skipped only off CI: CI installs node (.ci/run), so there a missing node fails loudly.
needs_node = pytest.mark.skipif(
    NODE is None and not os.environ.get("CI"), reason="node is not installed"
)


def run_js(tmp_path: Path, jobs: list) -> list[dict]:
    """Each job is [function name, *arguments]; each answer {"ok": …} or {"error": …}."""
    driver = tmp_path / "driver.mjs"
    driver.write_text(DRIVER % json.dumps(MODULE.as_uri()), encoding="utf-8")
    done = subprocess.run(
        [NODE, str(driver)], input=json.dumps(jobs), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def ok(answers: list[dict]) -> list:
    assert all("ok" in a for a in answers), answers
    return [a["ok"] for a in answers]


def dealt_to(j: int, deals: list[dict]) -> list[dict]:
    return [{"dealing": d["dealing"], "share": d["shares"][str(j)]} for d in deals]


@pytest.fixture(scope="module")
def js_ceremony(tmp_path_factory):
    """n = 3, t = 2, every device and every dealing made by the script."""
    tmp = tmp_path_factory.mktemp("js")
    devices = ok(run_js(tmp, [["newDevice"]] * 3))
    keys = {str(j): d["key"] for j, d in enumerate(devices, 1)}
    deals = ok(run_js(tmp, [["deal", CONTEXT, i, 2, keys] for i in range(1, 4)]))
    joint = rc.joint_public(CONTEXT, [d["dealing"] for d in deals], 3, 2)
    return devices, deals, joint


@needs_node
def test_dealings_made_by_the_script_verify_and_open_in_python(js_ceremony):
    devices, deals, joint = js_ceremony
    for j, dev in enumerate(devices, 1):
        assert dev["key"] == g.encode_point(g.base(int(dev["secret"], 16)))
        assert len(dev["secret"]) == 64 and len(dev["key"]) == 66
        share = device.key_share(CONTEXT, j, int(dev["secret"], 16), dealt_to(j, deals))
        assert device.verification_key(share) == joint["verification_keys"][j - 1]
    for deal in deals:
        assert len(deal["dealing"]["commitments"]) == 2 and set(deal["shares"]) == {"1", "2", "3"}


@needs_node
def test_the_script_opens_shares_from_python_and_script_dealers(tmp_path):
    devices = ok(run_js(tmp_path, [["newDevice"]] * 4))
    keys = {j: d["key"] for j, d in enumerate(devices, 1)}
    deals = [device.deal(CONTEXT, i, 3, keys) for i in (1, 2)]
    deals += ok(run_js(tmp_path, [["deal", CONTEXT, i, 3, {str(j): k for j, k in keys.items()}]
                                  for i in (3, 4)]))  # fmt: skip
    joint = rc.joint_public(CONTEXT, [d["dealing"] for d in deals], 4, 3)
    mine = ok(run_js(tmp_path, [
        ["keyShare", CONTEXT, j, devices[j - 1]["secret"], dealt_to(j, deals)] for j in keys
    ]))  # fmt: skip
    for j, got in zip(keys, mine, strict=True):
        assert got["verification_key"] == joint["verification_keys"][j - 1]
        share = device.key_share(CONTEXT, j, int(devices[j - 1]["secret"], 16), dealt_to(j, deals))
        assert got["share"] == g.encode_scalar(share)


@needs_node
def test_a_tampered_share_is_blamed_on_its_dealer(tmp_path, js_ceremony):
    devices, deals, _ = js_ceremony
    dealt = dealt_to(1, deals)
    c = int(dealt[1]["share"]["c"], 16)
    dealt[1] = {**dealt[1], "share": {**dealt[1]["share"], "c": g.encode_scalar(c + 1)}}
    (answer,) = run_js(tmp_path, [["keyShare", CONTEXT, 1, devices[0]["secret"], dealt]])
    assert "ok" not in answer and answer["error"].startswith("dealer 2:")


@needs_node
def test_partial_decryptions_by_the_script_verify_and_combine(tmp_path, js_ceremony):
    devices, deals, joint = js_ceremony
    key = rc.decision_key(POLL, joint["public_key"])
    ballots = [rc.encrypt(key, v) for v in [[1, 0, 0]] * 3 + [[0, 1, 0]]]
    totals = rc.homomorphic_totals(3, [rc.verify_ballot(key, b) for b in ballots])
    totals += rc.homomorphic_totals(3, [])  # an empty box
    wire = [encode_ciphertext(t) for t in totals]
    assert wire[3] == {"alpha": "0", "beta": "0"}
    shares = ok(run_js(tmp_path, [
        ["keyShare", CONTEXT, j, d["secret"], dealt_to(j, deals)] for j, d in enumerate(devices, 1)
    ]))  # fmt: skip
    partials = ok(
        run_js(tmp_path, [["decrypt", POLL, j, s["share"], wire] for j, s in enumerate(shares, 1)])
    )
    factors = {}
    for j, (s, p) in enumerate(zip(shares, partials, strict=True), 1):
        assert p["trustee"] == j and p["factors"][3:] == ["0"] * 3 and p["proofs"][3:] == [None] * 3
        assert p["factors"] == device.decrypt(POLL, j, int(s["share"], 16), wire)["factors"]
        vk = joint["verification_keys"][j - 1]
        factors[j] = rc.verify_partial(POLL, vk, [decode_ciphertext(w) for w in wire], p)
    for chosen in ([1, 2], [2, 3], [1, 3]):
        counts = rc.combine(totals, {j: factors[j] for j in chosen}, 2, len(ballots))
        assert counts == [3, 1, 0, 0, 0, 0]


@needs_node
def test_a_partial_decryption_with_a_wrong_share_is_refused(tmp_path, js_ceremony):
    joint = js_ceremony[2]
    key = rc.decision_key(POLL, joint["public_key"])
    totals = rc.homomorphic_totals(3, [rc.verify_ballot(key, rc.encrypt(key, [0, 0, 1]))])
    wrong = g.encode_scalar(g.random_scalar())
    wire = [encode_ciphertext(t) for t in totals]
    (forged,) = ok(run_js(tmp_path, [["decrypt", POLL, 1, wrong, wire]]))
    with pytest.raises(rc.ThresholdError):
        rc.verify_partial(POLL, joint["verification_keys"][0], totals, forged)


@needs_node
def test_the_scripts_shuffle_of_write_ins_verifies_and_keeps_every_name(tmp_path, js_ceremony):
    devices, deals, joint = js_ceremony
    from renda_crypto import mix

    roster = [301, 302, 303, 304]
    key = rc.election_key(POLL, joint["public_key"], 2, 2, roster)
    ballots = [rc.encrypt(key, [0, 0, 1, 1], [k, 4 - k + 1]) for k in (1, 2, 3)]
    ballots.append(rc.encrypt(key, [1, 0, 0, 0]))
    pairs = mix.write_in_pairs(key, ballots)
    first = ok(run_js(tmp_path, [["mix", POLL, key.public_key, mix.encode_pairs(pairs), 0]]))[0]
    once = mix.verify_mix(POLL, key.public_key, pairs, first, 0)
    assert mix.encode_pairs(once) != mix.encode_pairs(pairs)  # re-encrypted
    second = ok(run_js(tmp_path, [["mix", POLL, key.public_key, first["pairs"], 1]]))[0]
    twice = mix.verify_mix(POLL, key.public_key, once, second, 1)
    with pytest.raises(mix.MixError):
        mix.verify_mix(POLL, key.public_key, once, second, 0)  # bound to its round
    shares = {
        j: device.key_share(CONTEXT, j, int(d["secret"], 16), dealt_to(j, deals))
        for j, d in enumerate(devices, 1)
    }
    flat = mix.flatten(twice)
    totals = [encode_ciphertext(c) for c in flat]
    partials = ok(run_js(tmp_path, [["decrypt", POLL, j, g.encode_scalar(shares[j]), totals]
                                    for j in (1, 3)]))  # fmt: skip
    factors = {
        p["trustee"]: rc.verify_partial(POLL, joint["verification_keys"][p["trustee"] - 1], flat, p)
        for p in partials
    }
    votes, void = mix.count_write_ins(mix.open_values(flat, factors, 2, 4), roster)
    # Places written: (1, 4), (2, 3), (3, 2) and an empty pair of slots.
    assert (votes, void) == ({301: 1, 302: 2, 303: 2, 304: 1}, 0)
