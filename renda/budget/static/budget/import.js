// The commit of a checked workbook: while the page waits for the server, a progress bar
// shows how far the import has come (the server reports it in per cent).
(function () {
  "use strict";
  var form = document.getElementById("commit-form");
  if (!form || !window.fetch) return;
  form.addEventListener("submit", function () {
    var bar = form.querySelector("progress");
    var button = form.querySelector("button[type=submit]");
    if (bar) bar.hidden = false;
    if (button) button.disabled = true;
    function poll() {
      fetch(form.dataset.progress, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data && bar) bar.value = data.percent;
          if (!data || data.percent < 100) window.setTimeout(poll, 500);
        })
        .catch(function () {});
    }
    window.setTimeout(poll, 300);
  });
})();
