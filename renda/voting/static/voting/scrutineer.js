// A scrutineer's (监票人) device page: its part of the meeting's key ceremony, then the
// automatic partial decryption of every encrypted poll that closes (renda_crypto.device
// is the same protocol in Python). The device secret lives only in this browser's local
// storage; everything sent to the server is public: a device key, a dealing with shares
// sealed to each device, a verification key, a proved partial decryption.
const root = document.querySelector("[data-scrutineer]");
const L = JSON.parse(document.getElementById("scrutineer-labels").textContent);
const csrf = root.querySelector("[name=csrfmiddlewaretoken]").value;
const base = root.dataset.state.replace(/state\/$/, "");
const storeKey = `renda-scrutineer-${root.dataset.scrutineer}-${root.dataset.person}`;
const cryptoModule = import(root.dataset.crypto);

const $ = (name) => root.querySelector(`[data-field="${name}"]`);
const block = (name) => root.querySelector(`[data-block="${name}"]`);
let state = null;
let busy = false;
const done = new Set();

function device() {
  try { return JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { return null; }
}

function showError(text) {
  const el = $("error");
  el.textContent = text || "";
  el.hidden = !text;
}

function note(text) {
  const li = document.createElement("li");
  li.textContent = text;
  $("log").prepend(li);
}

async function post(verb, body) {
  const r = await fetch(base + verb + "/", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify(body),
  });
  const data = await r.json();
  if (!r.ok) {
    const lang = document.body.dataset.lang;
    throw new Error(lang === "en" ? data.message_en : data.message);
  }
  return data;
}

function render() {
  const own = device();
  const mine = own && own.key === state.me.device_key;
  let text = L[state.status] || state.status;
  if (state.status === "failed" && state.failure) text += "：" + state.failure;
  if (state.me.device_key && !mine) text = L.other_device;
  $("status").textContent = text;
  block("enrol").hidden = !(state.status === "enrolling" && !mine);
  block("confirm").hidden = !(state.status === "confirming" && mine && !state.me.confirmed);
  const rows = $("rows");
  rows.textContent = "";
  for (const r of state.scrutineers) {
    const li = document.createElement("li");
    const steps = ["enrolled", "dealt", "confirmed"].filter((k) => r[k]).map((k) => L[k]);
    li.textContent = `${r.index}. ${r.name} · ${steps.length ? steps.join(" · ") : L.waiting}`;
    rows.appendChild(li);
  }
}

async function refresh() {
  const r = await fetch(root.dataset.state, { credentials: "same-origin", cache: "no-store" });
  if (!r.ok) return;
  state = await r.json();
  root.dataset.status = state.status;
  render();
  await proceed();
}

// What this device does by itself once the scrutineer has enrolled it: deal, and after
// the scrutineer's confirmation, decrypt each closed poll's totals.
async function proceed() {
  const own = device();
  if (busy || !own || own.key !== state.me.device_key) return;
  busy = true;
  try {
    const m = await cryptoModule;
    if (state.status === "dealing" && !state.me.dealt && !done.has("deal")) {
      // A state read before the dealing was stored may come back: deal once only.
      done.add("deal");
      await post("deal", m.deal(state.context, state.me.index, state.t, state.device_keys));
    }
    if (state.status === "ready" && state.me.confirmed) {
      const { share } = m.keyShare(state.context, state.me.index, own.secret, state.my_shares);
      for (const item of state.awaiting) {
        // Decrypt the totals; take a turn in the write-ins' shuffle; decrypt the shuffled
        // write-ins. Each step once (a state read before it was stored may come back).
        const step = `${item.poll}:${item.stage}:${item.round ?? ""}`;
        if (done.has(step)) continue;
        done.add(step);
        if (item.stage === "mix") {
          const mixed = m.mix(item.context, item.public_key, item.pairs, item.round);
          await post("mix", { poll: item.poll, mixed });
          note(L.mixed.replace("{title}", item.title));
          continue;
        }
        const partial = m.decrypt(item.context, state.me.index, share, item.totals);
        await post("decrypt", { poll: item.poll, partial, stage: item.stage });
        note((item.stage === "write_ins" ? L.decrypted_write_ins : L.decrypted).replace("{title}", item.title));
      }
    }
    showError("");
  } catch (e) {
    showError(L.error + e.message);
  } finally {
    busy = false;
  }
}

root.querySelector("[data-action=enrol]").addEventListener("click", async () => {
  const m = await cryptoModule;
  const made = m.newDevice();
  localStorage.setItem(storeKey, JSON.stringify({ key: made.key, secret: made.secret }));
  try {
    await post("enrol", { device_key: made.key });
  } catch (e) {
    showError(L.error + e.message);
  }
  refresh();
});

root.querySelector("[data-action=confirm]").addEventListener("click", async () => {
  const m = await cryptoModule;
  const own = device();
  let body;
  try {
    body = { verification_key: m.keyShare(state.context, state.me.index, own.secret, state.my_shares).verification_key };
  } catch (e) {
    const dealer = /dealer (\d+)/.exec(e.message);
    body = { complaint: dealer ? Number(dealer[1]) : null };
    note(L.complaint);
  }
  try {
    await post("confirm", body);
  } catch (e) {
    showError(L.error + e.message);
  }
  refresh();
});

// Woken by the meeting's stream (the ceremony moved, a poll closed); a slow poll besides.
if (window.EventSource) {
  const source = new EventSource(root.dataset.stream);
  for (const kind of ["scrutiny", "state"]) source.addEventListener(kind, () => refresh());
}
setInterval(refresh, 5000);
refresh();
