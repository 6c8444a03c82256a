/* The check-in page: its service worker, and a queue of submissions on the device.

   Every submission gets an id made here (a UUID) and waits in localStorage until the server
   has answered it: 200 (stored, or stored before: the id says so), or a refusal that no retry
   would change (400, 404, 410, 413). A network failure or 429/5xx keeps it for the next try:
   when the network returns, every 15 seconds, and at the next visit. */
(function () {
  "use strict";
  var KEY = "citybridge-checkin-queue";
  var body = document.body;

  if ("serviceWorker" in navigator && body.dataset.serviceWorker) {
    navigator.serviceWorker.register(body.dataset.serviceWorker, {scope: "/c/"})
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        var urls = [location.href];
        document.querySelectorAll(".checkin-languages a").forEach(function (a) { urls.push(a.href); });
        document.querySelectorAll("link[rel=stylesheet], link[rel=icon], link[rel=manifest]")
          .forEach(function (l) { urls.push(l.href); });
        document.querySelectorAll("script[src]").forEach(function (s) { urls.push(s.src); });
        if (registration.active) registration.active.postMessage({cache: urls});
      })
      .catch(function () { /* without a worker the page still works online */ });
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); }
  function drop(id) { save(load().filter(function (item) { return item.id !== id; })); }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  var statusLine = document.querySelector("[data-queue-status]");
  function showStatus() {
    if (!statusLine) return;
    var n = load().length;
    statusLine.textContent = n === 0 ? "" : n === 1 ? statusLine.dataset.waitingOne
      : statusLine.dataset.waitingMany + " " + n;
  }

  // Sends one item: resolves to the response's status, or 0 when the network failed.
  function send(item) {
    return fetch(item.url, {
      method: "POST",
      body: new URLSearchParams(item.data),
      headers: {"Accept": "application/json"},
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status === 429 || response.status >= 500) return 0;
      drop(item.id);
      return response.status === 400 ? response.json().then(function (answer) {
        item.errors = answer.errors || {};
        return 400;
      }) : response.status;
    }, function () { return 0; });
  }

  var flushing = null;
  function flush() {
    if (flushing) return flushing;
    flushing = (function next() {
      var queue = load();
      if (!queue.length) return Promise.resolve();
      return send(queue[0]).then(function (status) { return status ? next() : null; });
    })().then(function () { flushing = null; showStatus(); });
    return flushing;
  }
  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  flush();

  var form = document.getElementById("checkin-form");
  if (!form) return;
  var panel = document.getElementById("checkin-form-panel");
  var done = document.getElementById("checkin-done");
  var kiosk = body.classList.contains("checkin-kiosk");
  var timer = null;

  function again() {
    clearTimeout(timer);
    form.reset();
    done.hidden = true;
    panel.hidden = false;
    form.querySelector("input:not([type=hidden])").focus();
  }
  done.querySelector("[data-next]").addEventListener("click", again);

  function showErrors(errors) {
    Object.keys(errors).forEach(function (name) {
      var input = form.elements[name];
      if (input && input.setCustomValidity) {
        input.setCustomValidity(errors[name].join(" "));
        input.addEventListener("input", function () { input.setCustomValidity(""); }, {once: true});
      }
    });
    form.reportValidity();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    form.elements.uuid.value = newId();
    var item = {
      id: form.elements.uuid.value,
      url: form.dataset.send,
      data: Array.from(new FormData(form).entries()),
    };
    var queue = load();
    queue.push(item);
    save(queue);
    send(item).then(function (status) {
      if (status === 400) { showErrors(item.errors); return; }
      done.querySelector("[data-offline-note]").hidden = status !== 0;
      panel.hidden = true;
      done.hidden = false;
      done.focus();
      showStatus();
      if (status === 200) flush();
      if (kiosk) timer = setTimeout(again, 6000);
    });
  });
})();
