// Speaker countdown: <span data-countdown-ends="ISO" data-server-now="ISO"> counts down to the
// end of the turn. The server's clock decides (the offset to this device's clock is taken
// when the element first appears), so a phone with a wrong clock still shows the right time.
// Without JavaScript the page shows when the turn started and how long a turn is.
(function () {
  "use strict";
  var offsets = new WeakMap();

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function show(element) {
    var ends = Date.parse(element.getAttribute("data-countdown-ends"));
    var serverNow = Date.parse(element.getAttribute("data-server-now"));
    if (isNaN(ends) || isNaN(serverNow)) { return; }
    if (!offsets.has(element)) { offsets.set(element, serverNow - Date.now()); }
    var left = Math.round((ends - (Date.now() + offsets.get(element))) / 1000);
    var over = left < 0;
    var seconds = Math.abs(left);
    element.textContent = (over ? "+" : "") + Math.floor(seconds / 60) + ":" + pad(seconds % 60);
    element.classList.toggle("over", over);
  }

  function tick() {
    document.querySelectorAll("[data-countdown-ends]").forEach(show);
  }
  tick();
  window.setInterval(tick, 1000);
})();
