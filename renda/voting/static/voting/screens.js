/* Chamber screens: big screen, voter terminal and chair console, fed by server-sent events.
 *
 * Each page names its screen in data-screen and its stream in data-stream. A stream
 * starts with a full "state" snapshot (also after every reconnect), then sends
 * "state" (full) and "received" (count only) events; an event older than what the
 * page shows (by its version) is ignored. Words come from the page's #screen-labels.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-screen]");
  if (!root) return;
  var labelsEl = document.getElementById("screen-labels");
  var L = labelsEl ? JSON.parse(labelsEl.textContent) : {};
  var screen = root.dataset.screen;
  var current = null; // the public state of the poll this screen shows

  function $(name) { return root.querySelector('[data-field="' + name + '"]'); }
  function block(name) { return root.querySelector('[data-block="' + name + '"]'); }
  function setText(name, value) { var el = $(name); if (el) el.textContent = value === null || value === undefined ? "—" : String(value); }
  function show(name, on) { var el = block(name); if (el) el.hidden = !on; }
  function newer(a, b) {
    if (!b) return true;
    if (!a) return false;
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      var x = a[i] || 0, y = b[i] || 0;
      if (x !== y) return x > y;
    }
    return true;
  }
  function statusText(state) {
    if (!state || state.poll === null || state.poll === undefined) return L.status_none;
    var text = L["status_" + state.status] || state.status;
    if (state.decrypting) text += " · " + L.decrypting;
    if (state.announced) text += " · " + L.announced;
    return text;
  }

  // ---------------------------------------------------------------- results

  function renderResult(state) {
    var sealed = state && state.status === "sealed" && state.result;
    show("result", !!sealed);
    var counts = $("counts");
    if (!sealed || !counts) return;
    var tally = state.result.tally;
    counts.textContent = "";
    var rows;
    if (tally.kind === "election") {
      rows = Object.keys(tally.votes).map(function (pid) {
        var name = pid;
        (state.candidates || []).forEach(function (c) { if (String(c.id) === pid) name = c.name; });
        (state.write_ins || []).forEach(function (c) { if (String(c.id) === pid) name = c.name + "（" + L.write_in + "）"; });
        return [name, tally.votes[pid], (tally.elected || []).indexOf(Number(pid)) >= 0 ? L.elected : ""];
      });
      rows.push([L.not_voted, tally.not_voted, ""]);
      if (tally.absent !== undefined) rows.push([L.absent, tally.absent, ""]);
    } else {
      var options = tally.kind === "satisfaction" ? ["satisfied", "basically_satisfied", "dissatisfied"] : ["yes", "no", "abstain"];
      rows = options.map(function (o) { return [L[o], tally[o], ""]; });
      rows.push([L.not_voted, tally.not_voted, ""]);
      if (tally.absent !== undefined) rows.push([L.absent, tally.absent, ""]);
    }
    rows.forEach(function (r) {
      var div = document.createElement("div");
      div.className = "bs-count";
      var n = document.createElement("span"); n.className = "bs-count-num"; n.textContent = r[1];
      var l = document.createElement("span"); l.className = "bs-count-label"; l.textContent = r[0] + (r[2] ? " · " + r[2] : "");
      div.appendChild(n); div.appendChild(l);
      counts.appendChild(div);
    });
    var verdict = $("verdict");
    verdict.textContent = L[tally.result] || tally.result;
    verdict.className = "bs-verdict " + (tally.result === "passed" || tally.result === "satisfied" || tally.result === "complete" ? "is-pass" : "is-fail");
    setText("threshold", tally.threshold);
    var attendance = $("attendance");
    if (attendance) {
      attendance.textContent = tally.present === undefined ? "" :
        L.base + " " + tally.base + " · " + L.present + " " + tally.present +
        (tally.late ? " · " + L.late + " " + tally.late : "");
    }
    setText("fingerprint", state.result.fingerprint);
    var names = $("names");
    if (names) {
      names.textContent = "";
      names.hidden = !state.names;
      (state.names || []).forEach(function (v) {
        var li = document.createElement("li");
        li.textContent = v.name + "：" + (typeof v.choice === "string" ? (L[v.choice] || v.choice) : JSON.stringify(v.choice));
        names.appendChild(li);
      });
    }
  }

  function renderCommon(state) {
    setText("title", state && state.poll ? state.title : L.status_none);
    setText("status_text", statusText(state));
    var note = $("secrecy_note");
    if (note) {
      var plain = state && state.poll && !state.encrypted && state.secrecy !== "named" && state.method === "keypad";
      note.textContent = !state || !state.poll ? "" : state.encrypted ? L.encrypted_note : plain ? L.operator_note : "";
      note.className = "t-secrecy" + (plain ? " is-operator" : "");
    }
    if (!state || !state.poll) return;
    setText("entitled", state.entitled);
    setText("entitled_of", state.entitled);
    setText("present", state.present);
    setText("received", state.received);
    if ($("threshold") && state.threshold) setText("threshold", state.threshold);
    renderResult(state);
  }

  // ---------------------------------------------------------------- console

  // Each action's statuses and the state field that withdraws it, from its declaration.
  var offersEl = document.getElementById("console-offers");
  var offers = offersEl ? JSON.parse(offersEl.textContent) : {};
  function validActions(state) {
    var s = state && state.status, v = {};
    Object.keys(offers).forEach(function (verb) {
      var o = offers[verb];
      if (o.statuses.indexOf(s) !== -1 && !(o.unless && state[o.unless])) v[verb] = true;
    });
    return v;
  }
  function renderConsole(state) {
    renderCommon(state);
    var valid = validActions(state);
    root.querySelectorAll("button[data-action]").forEach(function (btn) {
      btn.disabled = !valid[btn.dataset.action];
    });
  }

  // ---------------------------------------------------------------- terminal

  var token = root.dataset.token;
  var chosen = null;
  var sending = false;
  var voterId = root.dataset.voter || "";
  function receiptKey(poll) { return "renda-receipt-" + voterId + "-" + poll; }
  function castKey(poll) { return "renda-cast-key-" + voterId + "-" + poll; }
  // The receipt and the retry key live only in this tab (sessionStorage, never
  // localStorage on a shared seat) and only while the poll is open: a closed poll's
  // keys are forgotten at once.
  function store(k, v) { try { if (v === null) sessionStorage.removeItem(k); else sessionStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  function load(k) { try { return sessionStorage.getItem(k); } catch (e) { return null; } }
  function forget(poll) { store(receiptKey(poll), null); store(castKey(poll), null); }
  try { Object.keys(localStorage).forEach(function (k) { if (k.indexOf("renda-") === 0) localStorage.removeItem(k); }); } catch (e) { /* none kept */ }
  function newKey() {
    var a = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function showError(text) { var el = $("error"); if (!el) return; el.textContent = text || ""; el.hidden = !text; }
  function terminalStage(stage) {
    show("choose", stage === "choose");
    show("confirm", stage === "confirm");
    show("done", stage === "done");
  }
  function optionLabel(poll, choice) {
    if (typeof choice === "string") return L[choice] || choice;
    var names = [];
    (poll.candidates || []).forEach(function (c) { if (choice.candidates.indexOf(c.id) >= 0) names.push(c.name); });
    writeIns.forEach(function (p) { names.push(p.name + "（" + L.write_in + "）"); });
    var text = names.join("、") || "—";
    if (choice.candidates.length + choice.write_ins.length > poll.seats) text += " — " + L.over_seats;
    return text;
  }
  var writeIns = [];
  function writeInPersons() {
    var el = document.getElementById("write-in-persons");
    return el ? JSON.parse(el.textContent) : [];
  }
  function electionChoice(box) {
    var ticked = [];
    box.querySelectorAll("input[type=checkbox]:checked").forEach(function (i) { ticked.push(Number(i.value)); });
    return { candidates: ticked, write_ins: writeIns.map(function (p) { return p.id; }) };
  }
  function updateCount(box, state) {
    var choice = electionChoice(box);
    var n = choice.candidates.length + choice.write_ins.length;
    var count = box.querySelector(".t-count");
    count.textContent = (L.selected_n || "").replace("{n}", n).replace("{seats}", state.seats);
    var warn = box.querySelector(".t-over");
    warn.textContent = state.encrypted ? L.over_seats_encrypted : L.over_seats;
    warn.hidden = n <= state.seats;
  }
  function buildElection(box, state) {
    writeIns = [];
    var hint = document.createElement("p");
    hint.className = "t-hint";
    hint.textContent = (L.tick_up_to || "").replace("{n}", state.seats);
    box.appendChild(hint);
    (state.candidates || []).forEach(function (c) {
      var label = document.createElement("label");
      label.className = "t-tick";
      var input = document.createElement("input");
      input.type = "checkbox"; input.value = c.id;
      input.addEventListener("change", function () { updateCount(box, state); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + c.name));
      box.appendChild(label);
    });
    var candidateIds = (state.candidates || []).map(function (c) { return c.id; });
    // An encrypted ballot can write in only the persons of its key's roster (the body's
    // members off the slate); their names are opened after the scrutineers' shuffle.
    var roster = state.encrypted ? ((state.ballot_key || {}).roster || []) : null;
    var others = writeInPersons().filter(function (p) {
      return candidateIds.indexOf(p.id) < 0 && (!roster || roster.indexOf(p.id) >= 0);
    });
    if (others.length) {
      var wrap = document.createElement("div");
      wrap.className = "t-writein";
      var label = document.createElement("label");
      label.htmlFor = "t-writein-select";
      label.textContent = L.write_in;
      var select = document.createElement("select");
      select.id = "t-writein-select";
      others.forEach(function (p) {
        var o = document.createElement("option");
        o.value = String(p.id); o.textContent = p.name;
        select.appendChild(o);
      });
      var add = document.createElement("button");
      add.type = "button"; add.className = "t-btn t-back t-add"; add.textContent = L.write_in_add;
      var list = document.createElement("ul");
      list.className = "t-writein-list";
      add.addEventListener("click", function () {
        var id = Number(select.value);
        if (!id || writeIns.some(function (p) { return p.id === id; })) return;
        var person = others.filter(function (p) { return p.id === id; })[0];
        writeIns.push(person);
        var li = document.createElement("li");
        li.textContent = person.name + " ";
        var remove = document.createElement("button");
        remove.type = "button"; remove.className = "link"; remove.textContent = L.write_in_remove;
        remove.setAttribute("aria-label", L.write_in_remove + " " + person.name);
        remove.addEventListener("click", function () {
          writeIns = writeIns.filter(function (p) { return p.id !== id; });
          li.remove();
          updateCount(box, state);
        });
        li.appendChild(remove);
        list.appendChild(li);
        updateCount(box, state);
      });
      wrap.appendChild(label); wrap.appendChild(select); wrap.appendChild(add); wrap.appendChild(list);
      box.appendChild(wrap);
    }
    var count = document.createElement("p");
    count.className = "t-count";
    box.appendChild(count);
    var warn = document.createElement("p");
    warn.className = "t-over"; warn.setAttribute("role", "alert"); warn.textContent = L.over_seats; warn.hidden = true;
    box.appendChild(warn);
    updateCount(box, state);
    var submit = document.createElement("button");
    submit.type = "button"; submit.className = "t-btn t-ok"; submit.textContent = L.submit_ticks;
    submit.addEventListener("click", function () {
      var picked = electionChoice(box);
      if (state.encrypted && picked.candidates.length + picked.write_ins.length > state.seats) { showError(L.over_seats_encrypted); return; }
      choose(picked);
    });
    box.appendChild(submit);
  }
  function buildButtons(state) {
    var box = $("buttons");
    if (box.dataset.poll === String(state.poll)) return;
    box.dataset.poll = String(state.poll);
    box.textContent = "";
    if (state.poll_kind === "election") {
      buildElection(box, state);
      return;
    }
    var options = state.poll_kind === "satisfaction" ? ["satisfied", "basically_satisfied", "dissatisfied"] : ["yes", "no", "abstain"];
    options.forEach(function (o, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "t-btn t-option t-option-" + (i + 1) + " t-" + o;
      b.dataset.choice = o;
      b.textContent = L[o];
      b.addEventListener("click", function () { choose(o); });
      box.appendChild(b);
    });
  }
  function choose(choice) {
    chosen = choice;
    setText("chosen", optionLabel(current, choice));
    showError("");
    terminalStage("confirm");
  }
  function recorded(poll, receipt) {
    setText("receipt", receipt || "—");
    var r = block("done");
    if (r) r.querySelector(".t-receipt").hidden = !receipt;
    terminalStage("done");
  }
  function renderTerminal(state) {
    renderCommon(state);
    if (!state || !state.poll) { terminalStage(null); setText("status_text", L.waiting); return; }
    if (state.status !== "open" && state.status !== "paused") forget(state.poll);
    var receipt = load(receiptKey(state.poll));
    if (receipt) { recorded(state.poll, receipt); return; }
    if (state.status === "open") {
      if (root.dataset.voted === String(state.poll)) { recorded(state.poll, null); setText("receipt", L.voted_no_receipt); return; }
      buildButtons(state);
      if (block("confirm").hidden || !chosen) terminalStage("choose");
      askVoted(state.poll);
      return;
    }
    terminalStage(null);
    if (state.status === "closed" || state.status === "sealed") setText("status_text", statusText(state));
  }
  var asked = {};
  function askVoted(poll) {
    if (asked[poll]) return;
    asked[poll] = true;
    fetch("/chamber/cast?poll=" + poll, { headers: { "X-Voter-Token": token }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.voted) { root.dataset.voted = String(poll); if (current && current.poll === poll) renderTerminal(current); }
      })
      .catch(function () { asked[poll] = false; });
  }
  // An encrypted poll's choice leaves the terminal only as an encrypted ballot with its proofs
  // (ballot_crypto.js); the randomness is discarded, so nothing here can open it again.
  var cryptoModule = null;
  function sealBallot(state, choice) {
    if (!state.encrypted) return Promise.resolve(choice);
    cryptoModule = cryptoModule || import(root.dataset.crypto);
    return cryptoModule.then(function (m) {
      var key = state.ballot_key;
      if (state.poll_kind === "election") {
        var ids = (state.candidates || []).map(function (c) { return c.id; });
        var ticked = choice.candidates.map(function (id) { return ids.indexOf(id); });
        return m.electionBallot(key, ticked, choice.write_ins).ballot;
      }
      var options = state.poll_kind === "satisfaction" ? ["satisfied", "basically_satisfied", "dissatisfied"] : ["yes", "no", "abstain"];
      return m.encryptBallot(key, m.oneOf(key, options.indexOf(choice))).ballot;
    });
  }
  function confirmCast() {
    if (sending || chosen === null || !current) return;
    var poll = current.poll;
    var key = load(castKey(poll));
    if (!key) { key = newKey(); store(castKey(poll), key); }
    sending = true;
    setText("status_text", current.encrypted ? L.encrypting : L.sending);
    sealBallot(current, chosen).then(function (choice) {
      setText("status_text", L.sending);
      return fetch("/chamber/cast", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-Voter-Token": token },
        body: JSON.stringify({ poll: poll, choice: choice, key: key })
      });
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (res) {
      sending = false;
      if (res.ok) {
        store(receiptKey(poll), res.data.receipt);
        recorded(poll, res.data.receipt);
        setText("status_text", statusText(current));
        return;
      }
      var lang = document.body.dataset.lang;
      showError(lang === "en" ? res.data.message_en : res.data.message);
      if (res.data.code === "already_voted") { root.dataset.voted = String(poll); renderTerminal(current); return; }
      store(castKey(poll), null);
      terminalStage(current.status === "open" ? "choose" : null);
    }).catch(function () {
      sending = false;
      // The same key is kept: a retry after a lost answer gets the same receipt.
      showError(L.retry);
      terminalStage("confirm");
    });
  }
  if (screen === "terminal") {
    root.querySelectorAll("[data-action=confirm]").forEach(function (b) { b.addEventListener("click", confirmCast); });
    root.querySelectorAll("[data-action=back]").forEach(function (b) {
      b.addEventListener("click", function () { chosen = null; terminalStage("choose"); });
    });
  }

  // ---------------------------------------------------------------- stream

  var render = screen === "terminal" ? renderTerminal : screen === "console" ? renderConsole : renderCommon;
  var onlyPoll = root.dataset.poll ? Number(root.dataset.poll) : null;
  function apply(kind, data) {
    if (onlyPoll !== null && data.poll !== onlyPoll) return;
    if (kind === "state") {
      if (current && current.poll === data.poll && !newer(data.version, current.version)) return;
      if (current && data.poll !== current.poll && screen !== "console") {
        // Another poll of the meeting: follow it unless it is an older, finished one.
        if (current.status === "open" || current.status === "paused") {
          if (data.status !== "open" && data.status !== "paused") return;
        }
        chosen = null;
      }
      current = data;
    } else if (kind === "received") {
      if (!current || current.poll !== data.poll || !newer(data.version, current.version)) return;
      current.received = data.received;
      current.version = data.version;
    } else {
      return;
    }
    root.dataset.status = current.status || "none";
    root.dataset.received = current.received === undefined ? "" : String(current.received);
    render(current);
  }
  if (root.dataset.stream && window.EventSource) {
    var source = new EventSource(root.dataset.stream);
    ["state", "received"].forEach(function (kind) {
      source.addEventListener(kind, function (e) { apply(kind, JSON.parse(e.data)); });
    });
    source.addEventListener("open", function () { root.dataset.connected = "1"; });
    source.addEventListener("error", function () {
      root.dataset.connected = "0";
      if (screen !== "console") setText("status_text", L.connection_lost);
    });
  }
})();
