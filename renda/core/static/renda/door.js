/* 扫码签到: after each scan the box empties and takes the focus again (a handheld scanner
   types the code and Enter into it); where the device has a camera, the page can read the
   QR code itself with jsQR and send it the same way. */
(function () {
  "use strict";
  var PATTERN = /^RD-\d+-\d+-[A-Z2-9]{8}$/i;
  function decode(imageData) {
    if (typeof window.jsQR === "undefined") return null;
    var found = window.jsQR(imageData.data, imageData.width, imageData.height, { inversionAttempts: "dontInvert" });
    return found && PATTERN.test(found.data.trim()) ? found.data.trim() : null;
  }
  window.rendaDoor = { decode: decode };
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("door-form");
    if (!form) return;
    var input = document.getElementById("door-code");
    // A refused code comes back as 400 with its explanation: show it like a success.
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.requestConfig.elt === form && event.detail.xhr.status === 400) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt !== form) return;
      input.value = "";
      input.focus();
    });
    var button = document.getElementById("door-camera");
    var video = document.getElementById("door-video");
    if (!button || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    button.hidden = false;
    var canvas = document.createElement("canvas");
    var stream = null, last = "", lastAt = 0;
    function stop() {
      if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      video.hidden = true;
      button.textContent = button.dataset.start || button.textContent;
    }
    function tick() {
      if (!stream) return;
      if (video.readyState === video.HAVE_ENOUGH_DATA) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        var g = canvas.getContext("2d", { willReadFrequently: true });
        g.drawImage(video, 0, 0, canvas.width, canvas.height);
        var code = decode(g.getImageData(0, 0, canvas.width, canvas.height));
        var now = Date.now();
        if (code && (code !== last || now - lastAt > 4000)) {
          last = code;
          lastAt = now;
          input.value = code;
          form.requestSubmit();
        }
      }
      window.requestAnimationFrame(tick);
    }
    button.addEventListener("click", function () {
      if (stream) { stop(); return; }
      button.dataset.start = button.textContent;
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        video.play();
        button.textContent = button.dataset.stop || "■";
        window.requestAnimationFrame(tick);
      }).catch(function () {
        button.disabled = true;
      });
    });
  });
})();
