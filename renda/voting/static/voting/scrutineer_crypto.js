// The scrutineer's (监票人) device: its key, the dealing with the shares sealed to the other
// devices, the key share it recomputes from the shares sealed to it, and its partial
// decryption of a poll's totals with Chaum-Pedersen proofs. The same steps, with exactly
// the same JSON, as renda_crypto/device.py (which the server checks them against).
// The curve arithmetic and SHA-256 come from the vendored, audited @noble libraries
// (vendor/noble/, MIT licence); nothing here is a home-made primitive.
//
//   import { newDevice, deal, keyShare, decrypt } from "./scrutineer_crypto.js";
//   const { secret, key } = newDevice();                  // keep secret, register key
//   const { dealing, shares } = deal(context, i, t, deviceKeys);
//   const { share, verification_key } = keyShare(context, i, secret, dealt);
//   const partial = decrypt(pollContext, i, share, totals);
//
// The secret values (the device secret d, the polynomial, the key share x_j and the
// random values of the proofs) never leave the device; only the public JSON does.
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

// A point other than the neutral one, as SEC1 compressed hex (what group.decode_point takes).
function decodePoint(text) {
  if (typeof text !== "string" || !/^0[23][0-9a-fA-F]{64}$/.test(text)) {
    throw new Error("not a compressed point");
  }
  return Point.fromHex(text);
}

// A total's alpha or beta: "0" is the neutral element (an empty box).
function decodeTotal(text) {
  return text === "0" ? Point.ZERO : decodePoint(text);
}

function decodeScalar(text) {
  if (typeof text !== "string" || !/^[0-9a-fA-F]{64}$/.test(text)) throw new Error("not a scalar");
  const value = BigInt("0x" + text);
  if (value >= N) throw new Error("scalar out of range");
  return value;
}

// Schnorr proof of knowledge of log_G(C0), the dealer's first coefficient.
function proveKnowledge(context, label, commitment, secret) {
  const w = randomScalar();
  const c = hashToScalar(["renda-dkg/1", context, label, enc(commitment), enc(mul(G, w))]);
  return { c: scalarHex(c), s: scalarHex(w - c * secret) };
}

// Chaum-Pedersen proof that log_G(Yi) = log_alpha(D).
function proveDleq(context, yi, alpha, d, x) {
  const w = randomScalar();
  const a = mul(G, w);
  const b = mul(alpha, w);
  const c = hashToScalar(["renda-decrypt/1", context, enc(yi), enc(alpha), enc(d), enc(a), enc(b)]);
  return { c: scalarHex(c), s: scalarHex(w - c * x) };
}

function mask(context, dealer, recipient, r, shared) {
  return hashToScalar([
    "renda-share/1", context, String(dealer), String(recipient), enc(r), enc(shared),
  ]);
}

// The share f_dealer(recipient), readable only with the recipient's device secret
// (hashed ElGamal: R = k·G, mask = H(k·D), c = share + mask mod N).
function sealShare(context, dealer, recipient, deviceKey, share) {
  const k = randomScalar();
  const r = mul(G, k);
  const shared = mul(decodePoint(deviceKey), k);
  return { r: enc(r), c: scalarHex(share + mask(context, dealer, recipient, r, shared)) };
}

function openShare(context, dealer, recipient, secret, sealed) {
  let r, c;
  try {
    r = decodePoint(sealed.r);
    c = decodeScalar(sealed.c);
  } catch (e) {
    throw new Error(`dealer ${dealer}: sealed share: ${e.message}`);
  }
  return mod(c - mask(context, dealer, recipient, r, mul(r, secret)));
}

// Σ_k j^k·C_k: f(j)·G as the dealer's commitments say it must be.
function evaluate(commitments, j) {
  let power = 1n;
  let out = Point.ZERO;
  for (const c of commitments) {
    out = out.add(mul(c, power));
    power = mod(power * BigInt(j));
  }
  return out;
}

// A device secret d and its public device key D = d·G.
export function newDevice() {
  const d = randomScalar();
  return { secret: scalarHex(d), key: enc(mul(G, d)) };
}

// Scrutineer `dealer`'s dealing (commitments to a random polynomial of degree t-1, with a
// proof of knowledge of its constant term) and its shares f(j) sealed to every device.
// deviceKeys: {"1": D_1, …, "n": D_n}.
export function deal(context, dealer, t, deviceKeys) {
  const n = Object.keys(deviceKeys).length;
  const within = (k) => Number.isInteger(k) && 1 <= k && k <= n;
  if (!within(t) || !within(dealer)) throw new Error("need 1 ≤ t ≤ n and 1 ≤ dealer ≤ n");
  const coeffs = Array.from({ length: t }, randomScalar);
  const commitments = coeffs.map((a) => mul(G, a));
  const dealing = {
    dealer,
    commitments: commitments.map(enc),
    proof: proveKnowledge(context, `dealer:${dealer}`, commitments[0], coeffs[0]),
  };
  const shares = {};
  for (let j = 1; j <= n; j++) {
    // f(j) by Horner's rule.
    const fj = coeffs.reduceRight((acc, a) => mod(acc * BigInt(j) + a), 0n);
    shares[String(j)] = sealShare(context, dealer, j, deviceKeys[String(j)], fj);
  }
  return { dealing, shares };
}

// x_index = Σ f_i(index) from every dealer's dealing and the share it sealed to this
// device; dealt: [{dealing, share: {r, c}}, …]. A share that does not match its dealer's
// commitments throws, naming the dealer (the scrutineer then complains against it).
export function keyShare(context, index, secretHex, dealt) {
  const secret = decodeScalar(secretHex);
  let x = 0n;
  for (const item of dealt) {
    const dealer = Number(item.dealing.dealer);
    const share = openShare(context, dealer, index, secret, item.share);
    let expected;
    try {
      expected = evaluate(item.dealing.commitments.map(decodePoint), index);
    } catch (e) {
      throw new Error(`dealer ${dealer}: commitments: ${e.message}`);
    }
    if (!mul(G, share).equals(expected)) {
      throw new Error(`dealer ${dealer}: the share does not match its commitments`);
    }
    x = mod(x + share);
  }
  return { share: scalarHex(x), verification_key: enc(mul(G, x)) };
}

// The partial decryption D = x·alpha of every total, each with its proof against
// Y_index = x·G; an empty total (alpha "0") has factor "0" and no proof.
export function decrypt(context, index, shareHex, totals) {
  const x = decodeScalar(shareHex);
  const yi = mul(G, x);
  const factors = [];
  const proofs = [];
  for (const total of totals) {
    const alpha = decodeTotal(total.alpha);
    decodeTotal(total.beta);
    const d = mul(alpha, x);
    factors.push(enc(d));
    proofs.push(d.equals(Point.ZERO) ? null : proveDleq(`${context}|decrypt`, yi, alpha, d, x));
  }
  return { trustee: index, factors, proofs };
}

// A uniform index in [0, n) from the system's generator (rejection sampling on 32 bits).
function randomIndex(n) {
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    const b = randomBytes(4);
    const v = ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
    if (v < limit) return v % n;
  }
}

function sumOf(cts) {
  let a = Point.ZERO;
  let b = Point.ZERO;
  for (const [alpha, beta] of cts) {
    a = a.add(alpha);
    b = b.add(beta);
  }
  return [a, b];
}

function pointOrZero(text) {
  return decodeTotal(text);
}

// This device's turn in the shuffle of an election's write-ins (renda_crypto/mix.py):
// every (flag, name) pair re-encrypted with fresh randomness, the list permuted, and for
// the flags and for the names a Chaum-Pedersen proof that the sum is a re-encryption of the
// input's sum. pairs: [[{alpha, beta}, {alpha, beta}], …] as the server lists them.
export function mix(context, publicKey, pairs, round) {
  const y = decodePoint(publicKey);
  const input = pairs.map((p) => p.map((c) => [pointOrZero(c.alpha), pointOrZero(c.beta)]));
  const order = input.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const rs = [0n, 0n];
  const out = order.map((i) =>
    input[i].map(([alpha, beta], part) => {
      const r = randomScalar();
      rs[part] = mod(rs[part] + r);
      return [alpha.add(mul(G, r)), beta.add(mul(y, r))];
    }),
  );
  const proof = {};
  ["flags", "names"].forEach((part, index) => {
    const [a0, b0] = sumOf(input.map((p) => p[index]));
    const [a1, b1] = sumOf(out.map((p) => p[index]));
    const da = a1.subtract(a0);
    const db = b1.subtract(b0);
    proof[part] = proveDleq(`${context}|mix|${round}|${part}`, da, y, db, rs[index]);
  });
  return {
    round,
    pairs: out.map((p) => p.map(([alpha, beta]) => ({ alpha: enc(alpha), beta: enc(beta) }))),
    proof,
  };
}
