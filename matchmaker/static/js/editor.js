// The schedule editor's island: opening a meeting's panel and posting an edit happen without a
// page reload. The server answers an edit with the HTML of the grid cells and capacity cells it
// changed and of the panel; they replace the old ones in place (no jump). Without JavaScript the
// same links and forms work as ordinary requests.
(function () {
  "use strict";
  var grid = document.getElementById("editor-grid");
  if (!grid || !window.fetch || !window.DOMParser) {
    return;
  }
  var statusLine = document.getElementById("editor-status");

  function say(message, ok) {
    if (!statusLine) { return; }
    statusLine.textContent = message || "";
    statusLine.className = "editor-status " + (ok ? "flash-success" : "flash-error");
  }

  function replaceById(id, html) {
    var old = document.getElementById(id);
    if (!old) { return; }
    var holder = document.createElement("table");
    var row = html.trim().indexOf("<th") === 0 || html.trim().indexOf("<td") === 0;
    if (row) {
      holder.innerHTML = "<tbody><tr>" + html + "</tr></tbody>";
      var fresh = holder.querySelector("#" + CSS.escape(id));
      if (fresh) { old.replaceWith(fresh); }
      return;
    }
    var doc = new DOMParser().parseFromString(html, "text/html");
    var node = doc.getElementById(id);
    if (node) { old.replaceWith(node); }
  }

  function openPanel(href) {
    var url = new URL(href, window.location.href);
    url.searchParams.set("fragment", "panel");
    fetch(url.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        replaceById("panel", html);
        url.searchParams.delete("fragment");
        window.history.replaceState(null, "", url.pathname + url.search);
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.meeting, a.place");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) { return; }
    event.preventDefault();
    openPanel(link.href);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-editor-action")) { return; }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Editor": "1", "Accept": "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        say(answer.message, answer.ok);
        if (!answer.ok) {
          if (button) { button.disabled = false; }
          return;
        }
        Object.keys(answer.cells || {}).forEach(function (id) { replaceById(id, answer.cells[id]); });
        Object.keys(answer.capacity || {}).forEach(function (id) {
          replaceById(id, answer.capacity[id]);
        });
        if (answer.panel) { replaceById("panel", answer.panel); }
        document.body.setAttribute("data-edits", String(
          (parseInt(document.body.getAttribute("data-edits"), 10) || 0) + 1));
      })
      .catch(function () {
        say(statusLine ? statusLine.getAttribute("data-offline") || "" : "", false);
        form.submit();
      });
  });
}());
