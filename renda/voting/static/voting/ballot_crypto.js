// Encrypts a ballot on the member's terminal: exponential ElGamal over secp256k1 with
// disjunctive Chaum-Pedersen validity proofs (strong Fiat-Shamir), producing exactly the
// JSON that renda_crypto.ballot.verify_ballot checks on the server and in renda_verify.
// The curve arithmetic and SHA-256 come from the vendored, audited @noble libraries
// (vendor/noble/, MIT licence); nothing here is a home-made primitive.
//
//   import { encryptBallot } from "./ballot_crypto.js";
//   const { ballot, receipt } = encryptBallot(pollKey, [1, 0, 0]);
//
// pollKey is the poll's public parameters as the server publishes them:
//   {group: "secp256k1", context, public_key, options, min, max}
// The random values never leave this function; only the ballot and its receipt do.
import { secp256k1 } from "./vendor/noble/curves/secp256k1.js";
import { sha256 } from "./vendor/noble/hashes/sha2.js";
import { randomBytes, bytesToHex, utf8ToBytes } from "./vendor/noble/hashes/utils.js";

const Point = secp256k1.Point;
const G = Point.BASE;
const N = Point.Fn.ORDER;

const mod = (a) => ((a % N) + N) % N;

function bytesToBig(bytes) {
  return BigInt("0x" + (bytesToHex(bytes) || "0"));
}

function randomScalar() {
  // 48 random bytes reduced mod N-1, plus 1: uniform in [1, N-1] up to 2^-128.
  return (bytesToBig(randomBytes(48)) % (N - 1n)) + 1n;
}

function mul(point, k) {
  k = mod(k);
  return k === 0n || point.equals(Point.ZERO) ? Point.ZERO : point.multiply(k);
}

function enc(point) {
  return point.equals(Point.ZERO) ? "0" : point.toHex(true);
}

function scalarHex(k) {
  return mod(k).toString(16).padStart(64, "0");
}

function hashToScalar(parts) {
  return mod(bytesToBig(sha256(utf8ToBytes(parts.join("|")))));
}

function rangeHash(context, y, alpha, beta, commits) {
  return hashToScalar([
    "renda-range/1", context, enc(y), enc(alpha), enc(beta), commits.map(enc).join(","),
  ]);
}

// Proves that (alpha, beta) = (r·G, r·Y + value·G) with value among `values`.
function proveRange(context, y, alpha, beta, r, value, values) {
  const real = values.indexOf(value);
  if (real < 0) throw new Error("value outside the allowed set");
  const cs = values.map(() => 0n);
  const ss = values.map(() => 0n);
  const commits = [];
  const w = randomScalar();
  values.forEach((v, i) => {
    if (i === real) {
      commits.push(mul(G, w), mul(y, w));
      return;
    }
    cs[i] = randomScalar();
    ss[i] = randomScalar();
    commits.push(
      mul(alpha, cs[i]).add(mul(G, ss[i])),
      mul(beta, cs[i]).add(mul(G, -cs[i] * BigInt(v))).add(mul(y, ss[i])),
    );
  });
  const c = rangeHash(context, y, alpha, beta, commits);
  cs[real] = mod(c - cs.reduce((a, b) => a + b, 0n));
  ss[real] = mod(w - cs[real] * r);
  return cs.map((ci, i) => ({ c: scalarHex(ci), s: scalarHex(ss[i]) }));
}

// Canonical JSON as the server hashes it: sorted keys, no spaces.
export function canonicalJSON(value) {
  if (Array.isArray(value)) return "[" + value.map(canonicalJSON).join(",") + "]";
  if (value !== null && typeof value === "object") {
    return (
      "{" +
      Object.keys(value)
        .sort()
        .map((k) => JSON.stringify(k) + ":" + canonicalJSON(value[k]))
        .join(",") +
      "}"
    );
  }
  return JSON.stringify(value);
}

export function receiptOf(ballot) {
  return bytesToHex(sha256(utf8ToBytes(canonicalJSON(ballot))));
}

// Schnorr proof of knowledge of r for a write-in name's alpha = r·G, bound to the slot and
// to the whole ciphertext (renda_crypto.proofs.prove_knowledge).
function proveRandomness(context, alpha, beta, r) {
  const w = randomScalar();
  const label = `${alpha.toHex(true)},${beta.toHex(true)}`;
  const c = hashToScalar(["renda-dkg/1", context, label, enc(alpha), enc(mul(G, w))]);
  return { c: scalarHex(c), s: scalarHex(w - c * r) };
}

// vector: one 0 or 1 per option, its sum between pollKey.min and pollKey.max. With write-in
// slots (pollKey.write_ins), the vector's last entries are the slots' flags and `names`
// the roster place (1…) written in each slot, 0 where its flag is 0.
export function encryptBallot(pollKey, vector, names) {
  if (pollKey.group !== "secp256k1") throw new Error("unknown group");
  if (vector.length !== pollKey.options || vector.some((m) => m !== 0 && m !== 1)) {
    throw new Error("one 0 or 1 per option");
  }
  const total = vector.reduce((a, b) => a + b, 0);
  if (total < pollKey.min || total > pollKey.max) throw new Error("too many or too few ticks");
  const y = Point.fromHex(pollKey.public_key);
  let rSum = 0n;
  let aSum = Point.ZERO;
  let bSum = Point.ZERO;
  const choices = vector.map((m, i) => {
    const r = randomScalar();
    const alpha = mul(G, r);
    const beta = mul(y, r).add(mul(G, BigInt(m)));
    const proof = proveRange(`${pollKey.context}|${i}`, y, alpha, beta, r, m, [0, 1]);
    rSum += r;
    aSum = aSum.add(alpha);
    bSum = bSum.add(beta);
    return { alpha: alpha.toHex(true), beta: beta.toHex(true), proof };
  });
  const allowed = [];
  for (let v = pollKey.min; v <= pollKey.max; v++) allowed.push(v);
  const sumProof = proveRange(
    `${pollKey.context}|sum`, y, aSum, bSum, mod(rSum), total, allowed,
  );
  const ballot = { choices, sum_proof: sumProof };
  const slots = pollKey.write_ins || 0;
  if (slots) {
    const places = names || Array(slots).fill(0);
    const flags = vector.slice(pollKey.options - slots);
    const roster = (pollKey.roster || []).length;
    if (places.length !== slots || places.some((k, j) => !Number.isInteger(k) || k < 0 || k > roster || (k > 0) !== (flags[j] === 1))) {
      throw new Error("one roster place per write-in slot, exactly where its flag is set");
    }
    ballot.names = places.map((k, j) => {
      const r = randomScalar();
      const alpha = mul(G, r);
      const beta = mul(y, r).add(mul(G, BigInt(k)));
      const proof = proveRandomness(`${pollKey.context}|name|${j}`, alpha, beta, r);
      return { alpha: alpha.toHex(true), beta: beta.toHex(true), proof };
    });
  }
  return { ballot, receipt: receiptOf(ballot) };
}

// An election's vector and names: the ticked candidates' indexes and the written-in
// persons' ids, each written person in the next slot (its roster place, its flag set).
export function electionBallot(pollKey, tickedIndexes, writtenIds) {
  const slots = pollKey.write_ins || 0;
  const roster = pollKey.roster || [];
  const candidates = pollKey.options - slots;
  if (writtenIds.length > slots) throw new Error("more write-ins than seats");
  const set = new Set(tickedIndexes);
  const vector = Array.from({ length: pollKey.options }, (_, i) => (i < candidates && set.has(i) ? 1 : 0));
  const names = Array(slots).fill(0);
  writtenIds.forEach((id, j) => {
    const place = roster.indexOf(id) + 1;
    if (place < 1) throw new Error("the written-in person is not on the roster");
    names[j] = place;
    vector[candidates + j] = 1;
  });
  return encryptBallot(pollKey, vector, names);
}

// The 0/1 vector of a decision-like poll from the index of the chosen option.
export function oneOf(pollKey, index) {
  return Array.from({ length: pollKey.options }, (_, i) => (i === index ? 1 : 0));
}

// The 0/1 vector of an election from the indexes of the ticked candidates.
export function ticks(pollKey, indexes) {
  const set = new Set(indexes);
  return Array.from({ length: pollKey.options }, (_, i) => (set.has(i) ? 1 : 0));
}
