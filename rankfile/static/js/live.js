// Live sections: <div data-live-socket="/ws/meetings/12/"> on the page opens a WebSocket; each
// message {"refresh": ["attendance", "poll-3"]} triggers "live-refresh" on the elements whose
// data-live-section lists one of those names, which htmx then fetches again (hx-get +
// hx-trigger="live-refresh"). A message may also carry figures, {"figures": {"poll-3-cast": 41}},
// put in place in the elements <span data-live-figure="poll-3-cast"> without a request.
// Without JavaScript the page works by reloading.
(function () {
  "use strict";
  var holder = document.querySelector("[data-live-socket]");
  if (!holder || !window.WebSocket) { return; }
  var path = holder.getAttribute("data-live-socket");
  var delay = 1000;
  var status = document.querySelector("[data-live-status]");

  function show(text) { if (status) { status.textContent = text; } }

  function refresh(names) {
    names.forEach(function (name) {
      document.querySelectorAll("[data-live-section]").forEach(function (element) {
        var listed = element.getAttribute("data-live-section").split(/\s+/);
        if (listed.indexOf(name) !== -1 && window.htmx) { window.htmx.trigger(element, "live-refresh"); }
      });
    });
  }

  function place(figures) {
    Object.keys(figures).forEach(function (name) {
      document.querySelectorAll("[data-live-figure]").forEach(function (element) {
        if (element.getAttribute("data-live-figure") === name) {
          element.textContent = String(figures[name]);
        }
      });
    });
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + path);
    socket.onopen = function () { delay = 1000; show(holder.getAttribute("data-live-on") || ""); };
    socket.onmessage = function (message) {
      try {
        var data = JSON.parse(message.data);
        place(data.figures || {});
        refresh(data.refresh || []);
      } catch (error) { /* ignore malformed */ }
    };
    socket.onclose = function (event) {
      show(holder.getAttribute("data-live-off") || "");
      if (event.code === 4401 || event.code === 4404) { return; }
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
