"""The voting cryptography (``renda_crypto``): group encoding, ballot proofs that accept
honest ballots and refuse forged ones, and the scrutineers' threshold key and decryption."""

from __future__ import annotations

import itertools

import pytest

import renda_crypto as rc
from renda_crypto import group as g
from renda_crypto import mix
from renda_crypto.proofs import prove_range
from tests.encrypted_export import scrutineers

CTX = "renda-poll:7"


@pytest.fixture(scope="module")
def setup():
    return scrutineers(CTX, 5, 3)


@pytest.fixture(scope="module")
def decision(setup):
    return rc.decision_key(CTX, setup[0]["public_key"])


@pytest.fixture(scope="module")
def election(setup):
    return rc.election_key(CTX, setup[0]["public_key"], 4, 2)


def handmade(key, vector):
    """A ballot built by a cheating terminal: entries outside 0/1 and a sum outside the
    range get proofs made for other values (all a prover without the key can do)."""
    choices, r_sum, alphas, betas = [], 0, [], []
    for i, m in enumerate(vector):
        r = g.random_scalar()
        alpha, beta = g.base(r), g.mul_add_base(key.y, r, m)
        claim = [0, 1] if m in (0, 1) else [m, 1]
        proof = prove_range(f"{key.context}|{i}", key.y, alpha, beta, r, m, claim)
        choices.append(
            {"alpha": g.encode_point(alpha), "beta": g.encode_point(beta), "proof": proof}
        )
        r_sum, alphas, betas = r_sum + r, [*alphas, alpha], [*betas, beta]
    allowed = list(range(key.min, key.max + 1))
    total = sum(vector)
    claim = allowed if total in allowed else [total, *allowed[1:]]
    sum_proof = prove_range(
        f"{key.context}|sum", key.y, g.add_all(alphas), g.add_all(betas), r_sum, total, claim
    )
    return {"choices": choices, "sum_proof": sum_proof}


# ---------------------------------------------------------------------------------- group


def test_points_and_scalars_round_trip_and_junk_is_refused():
    p = g.base(12345)
    assert g.equal(g.decode_point(g.encode_point(p)), p)
    assert g.decode_scalar(g.encode_scalar(-1)) == g.N - 1
    assert g.equal(g.sub(p, p), None) and g.equal(g.add(p, None), p)
    assert g.equal(g.neg(g.neg(p)), p) and g.equal(g.add(p, g.neg(p)), None)
    for junk in ["", "04" + "00" * 32, "02" + "00" * 32, "zz" * 33, 5, None]:
        with pytest.raises(g.GroupError):
            g.decode_point(junk)
    for junk in ["f" * 64, "1" * 63, "x" * 64]:
        with pytest.raises(g.GroupError):
            g.decode_scalar(junk)


# ---------------------------------------------------------------------------------- ballots


@pytest.mark.parametrize("choice", [0, 1, 2])
def test_an_honest_decision_ballot_is_accepted(decision, choice):
    vector = [int(i == choice) for i in range(3)]
    ballot = rc.encrypt(decision, vector)
    cts = rc.verify_ballot(decision, ballot)
    assert len(cts) == 3
    assert rc.receipt(ballot) == rc.receipt(dict(reversed(list(ballot.items()))))
    leaves = [v for c in ballot["choices"] for v in (c["alpha"], c["beta"])]
    assert all(len(v) == 66 for v in leaves) and len(rc.receipt(ballot)) == 64
    assert len({c["alpha"] for c in rc.encrypt(decision, vector)["choices"]} | set(leaves)) == 9


@pytest.mark.parametrize("vector", [[0, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 1]])
def test_an_honest_election_ballot_is_accepted(election, vector):
    assert len(rc.verify_ballot(election, rc.encrypt(election, vector))) == 4


@pytest.mark.parametrize(
    ("which", "vector", "where"),
    [
        ("decision", [2, 0, 0], "entry 0"),  # 2 for one option (the sum proof is forged too)
        ("decision", [2, -1, 0], "entry 0"),  # 2 and -1: the sum is an honest 1
        ("decision", [1, 1, 0], "sum"),  # two 1s in a decision
        ("decision", [0, 0, 0], "sum"),  # nothing chosen in a decision
        ("election", [1, 1, 1, 0], "sum"),  # over the seats
        ("election", [0, 0, 3, 0], "entry 2"),
    ],
)
def test_a_forged_ballot_is_refused(request, which, vector, where):
    key = request.getfixturevalue(which)
    with pytest.raises(rc.BallotError, match=where):
        rc.verify_ballot(key, handmade(key, vector))


def test_the_honest_encoder_refuses_to_build_an_invalid_ballot(decision, election):
    for key, vector in [(decision, [1, 1, 0]), (decision, [2, 0, 0]), (election, [1, 1, 1, 0])]:
        with pytest.raises(rc.BallotError):
            rc.encrypt(key, vector)


def test_tampering_with_an_honest_ballot_breaks_it(decision, election):
    ballot = rc.encrypt(decision, [0, 1, 0])
    swapped = {
        **ballot,
        "choices": [ballot["choices"][1], ballot["choices"][0], ballot["choices"][2]],
    }
    with pytest.raises(rc.BallotError, match="entry 0"):
        rc.verify_ballot(decision, swapped)  # entries are bound to their position
    bent = {**ballot, "sum_proof": [{"c": ballot["sum_proof"][0]["c"], "s": g.encode_scalar(1)}]}
    with pytest.raises(rc.BallotError, match="sum"):
        rc.verify_ballot(decision, bent)
    other_poll = rc.decision_key("renda-poll:8", decision.public_key)
    with pytest.raises(rc.BallotError):
        rc.verify_ballot(other_poll, ballot)  # proofs are bound to the poll
    for shape in [{**ballot, "extra": 1}, {"choices": ballot["choices"][:2], "sum_proof": []}, []]:
        with pytest.raises(rc.BallotError):
            rc.verify_ballot(decision, shape)
    with pytest.raises(rc.BallotError):
        rc.verify_ballot(election, ballot)  # a decision ballot is not an election ballot


# ---------------------------------------------------------------------------------- threshold


def _totals(key, vectors):
    return rc.homomorphic_totals(
        key.options, [rc.verify_ballot(key, rc.encrypt(key, v)) for v in vectors]
    )


def test_any_t_of_n_scrutineers_decrypt_and_fewer_cannot(setup, decision):
    keys, shares = setup
    vkeys = keys["record"]["verification_keys"]
    totals = _totals(decision, [[1, 0, 0]] * 4 + [[0, 0, 1]] * 2)
    factors = {
        j: rc.verify_partial(
            CTX, vkeys[j - 1], totals, rc.partial_decrypt(CTX, j, shares[j], totals)
        )
        for j in range(1, 6)
    }
    for chosen in itertools.combinations(range(1, 6), 3):
        assert rc.combine(totals, {j: factors[j] for j in chosen}, 3, 6) == [4, 0, 2]
    for chosen in itertools.combinations(range(1, 6), 2):
        with pytest.raises(rc.ThresholdError, match="3 needed"):
            rc.combine(totals, {j: factors[j] for j in chosen}, 3, 6)
    # Two shares alone do not make the key: interpolating them as if t were 2 gives rubbish.
    with pytest.raises(rc.ThresholdError, match="not between"):
        rc.combine(totals, {1: factors[1], 2: factors[2]}, 2, 6)


def test_a_wrong_partial_decryption_is_caught_by_its_proof(setup, decision):
    keys, shares = setup
    totals = _totals(decision, [[0, 1, 0]])
    lying = rc.partial_decrypt(CTX, 2, shares[3], totals)  # scrutineer 2 uses another share
    with pytest.raises(rc.ThresholdError, match="scrutineer 2"):
        rc.verify_partial(CTX, keys["record"]["verification_keys"][1], totals, lying)


def test_the_key_generation_is_checked_by_everyone():
    dealing, shares = rc.make_dealing(CTX, 1, 3, 2)
    assert rc.verify_share(dealing, 2, shares[2])
    assert not rc.verify_share(dealing, 2, shares[2] + 1)  # a bad share → a complaint
    other, _ = rc.make_dealing(CTX, 2, 3, 2)
    stolen = {**other, "commitments": [dealing["commitments"][0], other["commitments"][1]]}
    with pytest.raises(rc.ThresholdError, match="proof of knowledge"):
        rc.joint_public(CTX, [dealing, stolen], 3, 2)  # copying a key without knowing it
    with pytest.raises(rc.ThresholdError, match="2 commitments"):
        rc.joint_public(CTX, [{**dealing, "commitments": dealing["commitments"][:1]}], 3, 2)
    with pytest.raises(rc.ThresholdError, match="each dealer once"):
        rc.joint_public(CTX, [dealing, dealing], 3, 2)


def test_the_joint_secret_never_exists_but_matches_the_public_key(setup):
    keys, shares = setup
    # What the scrutineers could compute together (any 3): the key nobody holds alone.
    x = sum(shares[j] * rc.threshold.lagrange([1, 3, 5], j) for j in (1, 3, 5)) % g.N
    assert g.encode_point(g.base(x)) == keys["public_key"]
    assert all(
        g.encode_point(g.base(shares[j])) == keys["record"]["verification_keys"][j - 1]
        for j in shares
    )


def test_an_empty_box_decrypts_to_zero(setup, decision):
    keys, shares = setup
    totals = rc.homomorphic_totals(3, [])
    factors = {
        j: rc.verify_partial(
            CTX,
            keys["record"]["verification_keys"][j - 1],
            totals,
            rc.partial_decrypt(CTX, j, shares[j], totals),
        )
        for j in (1, 2, 3)
    }
    assert rc.combine(totals, factors, 3, 0) == [0, 0, 0]


# ------------------------------------------------------------------------------ write-ins


ROSTER = [101, 102, 103, 104, 105]


@pytest.fixture(scope="module")
def write_in_election(setup):
    """Three candidates, two seats, and write-in slots for two of the roster's persons."""
    return rc.election_key(CTX, setup[0]["public_key"], 3, 2, ROSTER)


def _mix_and_open(setup, key, ballots, mixers=(2, 4, 5), deciders=(1, 3, 5)):
    keys, shares = setup
    vkeys = keys["record"]["verification_keys"]
    pairs = mix.write_in_pairs(key, ballots)
    for round_, _who in enumerate(mixers):
        made = mix.mix(CTX, key.public_key, pairs, round_)
        pairs = mix.verify_mix(CTX, key.public_key, pairs, made, round_)
    flat = mix.flatten(pairs)
    factors = {
        j: rc.verify_partial(CTX, vkeys[j - 1], flat, rc.partial_decrypt(CTX, j, shares[j], flat))
        for j in deciders
    }
    return mix.count_write_ins(mix.open_values(flat, factors, 3, len(key.roster)), ROSTER)


def test_write_ins_are_counted_within_the_seats_and_opened_after_a_shuffle(
    setup, write_in_election
):
    key = write_in_election
    assert (key.options, key.max, key.candidates) == (5, 2, 3)
    assert rc.PollKey.from_json(key.to_json()) == key
    # Ticks then flags: a candidate and a write-in of roster place 4 (person 104), etc.
    ballots = [
        rc.encrypt(key, [1, 0, 0, 1, 0], [4, 0]),
        rc.encrypt(key, [0, 0, 0, 1, 1], [4, 2]),
        rc.encrypt(key, [0, 1, 1, 0, 0]),
        rc.encrypt(key, [0, 0, 0, 0, 0]),
    ]
    cts = [rc.verify_ballot(key, b) for b in ballots]
    keys, shares = setup
    totals = rc.homomorphic_totals(key.options, cts)
    vkeys = keys["record"]["verification_keys"]
    factors = {
        j: rc.verify_partial(
            CTX, vkeys[j - 1], totals, rc.partial_decrypt(CTX, j, shares[j], totals)
        )
        for j in (1, 2, 3)
    }
    assert rc.combine(totals, factors, 3, 4) == [1, 1, 1, 2, 1]  # three write-ins were made
    votes, void = _mix_and_open(setup, key, ballots)
    assert (votes, void) == ({104: 2, 102: 1}, 0)
    # Over the seats with a write-in, or a name without its flag, is refused by the encoder
    # and, when handmade, by the sum proof.
    with pytest.raises(rc.BallotError, match="range"):
        rc.encrypt(key, [1, 1, 0, 1, 0], [3, 0])
    with pytest.raises(rc.BallotError, match="flag"):
        rc.encrypt(key, [1, 0, 0, 0, 0], [3, 0])
    with pytest.raises(rc.BallotError, match="roster"):
        rc.encrypt(key, [0, 0, 0, 1, 0], [6, 0])


def test_a_name_is_bound_to_its_ballot_and_slot(write_in_election):
    key = write_in_election
    honest = rc.encrypt(key, [0, 0, 0, 1, 0], [2, 0])
    assert rc.verify_ballot(key, honest)
    swapped = {**honest, "names": list(reversed(honest["names"]))}
    with pytest.raises(rc.BallotError, match="name 0"):
        rc.verify_ballot(key, swapped)
    # Re-randomising someone's name keeps its value but cannot carry its proof.
    a, b = rc.ballot.ballot_names(key, honest)[0]
    r = g.random_scalar()
    moved = {
        "alpha": g.encode_point(g.add(a, g.base(r))),
        "beta": g.encode_point(g.add(b, g.mul(key.y, r))),
        "proof": honest["names"][0]["proof"],
    }
    copied = {**honest, "names": [moved, honest["names"][1]]}
    with pytest.raises(rc.BallotError, match="name 0"):
        rc.verify_ballot(key, copied)
    with pytest.raises(rc.BallotError, match="names"):
        rc.verify_ballot(key, {"choices": honest["choices"], "sum_proof": honest["sum_proof"]})
    assert len(rc.ballot.ballot_alphas(honest)) == key.options + key.write_ins


def test_a_mix_that_drops_adds_or_alters_a_pair_is_refused(setup, write_in_election):
    key = write_in_election
    ballots = [rc.encrypt(key, [0, 0, 0, 1, 0], [k, 0]) for k in (1, 2, 3)]
    pairs = mix.write_in_pairs(key, ballots)
    honest = mix.mix(CTX, key.public_key, pairs, 0)
    out = mix.verify_mix(CTX, key.public_key, pairs, honest, 0)
    assert len(out) == 6 and mix.encode_pairs(out) != mix.encode_pairs(pairs)
    with pytest.raises(mix.MixError, match="round 1"):
        mix.verify_mix(CTX, key.public_key, pairs, honest, 1)
    dropped = {**honest, "pairs": honest["pairs"][1:]}
    with pytest.raises(mix.MixError, match="5 pairs out for 6"):
        mix.verify_mix(CTX, key.public_key, pairs, dropped, 0)
    # Replace one name by a fresh encryption of another place: the names' sum changes.
    forged = [list(p) for p in honest["pairs"]]
    forged[0][1] = rc.ballot.encode_ciphertext(
        rc.ballot.ballot_names(key, rc.encrypt(key, [0, 0, 0, 1, 0], [5, 0]))[0]
    )
    with pytest.raises(mix.MixError, match="does not hold"):
        mix.verify_mix(CTX, key.public_key, pairs, {**honest, "pairs": forged}, 0)
    # A trade that keeps both sums passes the mix's check, and shows as a void write-in.
    traded = [list(p) for p in honest["pairs"]]
    flags = [rc.ballot.decode_ciphertext(p[0]) for p in traded]
    names = [rc.ballot.decode_ciphertext(p[1]) for p in traded]
    shift = g.base(1)  # one place moved from one name to another, sums unchanged
    names[0] = (names[0][0], g.add(names[0][1], shift))
    names[1] = (names[1][0], g.sub(names[1][1], shift))
    traded = mix.encode_pairs(list(zip(flags, names, strict=True)))
    kept = mix.verify_mix(CTX, key.public_key, pairs, {**honest, "pairs": traded}, 0)
    assert len(kept) == 6


def test_a_set_flag_whose_name_is_off_the_roster_is_a_void_write_in():
    assert mix.count_write_ins([1, 2, 1, None, 0, 0, 1, 9, 0, 3], ROSTER[:3]) == ({102: 1}, 2)
