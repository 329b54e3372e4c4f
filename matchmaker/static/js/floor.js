// The floor view refreshes itself every minute: the new page's #floor replaces the old one in
// place, so the scroll position stays where the staff left it. A form being used (focus inside
// it) postpones the refresh to the next minute.
(function () {
  "use strict";
  var floor = document.getElementById("floor");
  if (!floor || !window.fetch || !window.DOMParser) {
    return;
  }
  var seconds = parseInt(floor.getAttribute("data-refresh-seconds"), 10) || 60;

  function refresh() {
    var current = document.getElementById("floor");
    if (current && current.contains(document.activeElement) &&
        document.activeElement.tagName === "SELECT") {
      return;
    }
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Refresh": "floor" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("floor");
        var old = document.getElementById("floor");
        if (fresh && old) {
          var x = window.scrollX, y = window.scrollY;
          old.replaceWith(fresh);
          window.scrollTo(x, y);
          fresh.setAttribute("data-refreshed", String(Date.now()));
        }
      })
      .catch(function () { /* offline for a moment: try again next minute */ });
  }

  window.setInterval(refresh, seconds * 1000);
}());
