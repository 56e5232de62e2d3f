// NewsPrism progressive enhancement: the pages work without this file.
(function () {
  "use strict";
  var UNITS = [[31536000, "year"], [2592000, "month"], [604800, "week"], [86400, "day"], [3600, "hour"], [60, "minute"]];

  function relative(iso) {
    var then = Date.parse(iso);
    if (isNaN(then)) return null;
    var delta = (Date.now() - then) / 1000, abs = Math.abs(delta);
    if (abs < 60) return "just now";
    for (var i = 0; i < UNITS.length; i++) {
      if (abs >= UNITS[i][0]) {
        var n = Math.floor(abs / UNITS[i][0]);
        var label = n + " " + UNITS[i][1] + (n === 1 ? "" : "s");
        return delta > 0 ? label + " ago" : "in " + label;
      }
    }
    return "just now";
  }

  function refreshTimes() {
    document.querySelectorAll("time[data-rel]").forEach(function (el) {
      var text = relative(el.getAttribute("datetime"));
      if (text && el.textContent !== text) el.textContent = text;
      if (!el.title) el.title = new Date(el.getAttribute("datetime")).toLocaleString();
    });
  }

  function closeCitations(except) {
    document.querySelectorAll(".cite.open").forEach(function (el) {
      if (el !== except) el.classList.remove("open");
    });
  }

  function onClick(event) {
    var marker = event.target.closest(".cite-n");
    if (marker) {
      // Tap or click opens the source sentence in place; the reference list stays the no-JS path.
      event.preventDefault();
      var cite = marker.closest(".cite");
      var open = !cite.classList.contains("open");
      closeCitations(cite);
      cite.classList.toggle("open", open);
      return;
    }
    if (!event.target.closest(".cite-tip")) closeCitations(null);
    var copy = event.target.closest("a.copy-link");
    if (copy && navigator.clipboard) {
      event.preventDefault();
      var status = copy.parentNode.querySelector(".copy-status");
      navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
        if (status) status.textContent = "Link copied";
      }, function () {
        if (status) status.textContent = "Copy failed: use the link";
      });
    }
  }

  function onToggle(event) {
    // Only one landscape bar open at a time (for browsers without <details name>).
    var bar = event.target;
    if (!bar.matches || !bar.matches("details.bar") || !bar.open) return;
    document.querySelectorAll("details.bar[open]").forEach(function (other) {
      if (other !== bar) other.open = false;
    });
  }

  document.addEventListener("click", onClick);
  document.addEventListener("toggle", onToggle, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    closeCitations(null);
    var active = document.activeElement;
    if (active && active.closest && active.closest(".cite")) active.blur();
  });
  document.addEventListener("DOMContentLoaded", function () {
    refreshTimes();
    setInterval(refreshTimes, 60000);
    if (location.hash.indexOf("#bar-") === 0) {
      var bar = document.getElementById(location.hash.slice(1));
      if (bar) bar.open = true;
    }
  });
})();
