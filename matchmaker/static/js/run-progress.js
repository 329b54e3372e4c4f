// The run page follows its run: it polls the progress JSON every two seconds, counts the
// elapsed time every second in between, and reloads itself when the run ends (to show the
// link to its draft).
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box || box.getAttribute("data-active") !== "true" || !window.fetch) {
    return;
  }
  var elapsedCell = box.querySelector('[data-field="elapsed_s"]');
  var elapsed = null;
  var counter = window.setInterval(function () {
    if (elapsed !== null && elapsedCell) {
      elapsed += 1;
      elapsedCell.textContent = elapsed.toFixed(1);
    }
  }, 1000);

  function tick() {
    fetch(box.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        box.querySelector('[data-field="status"]').textContent = data.status_label || data.status;
        Object.keys(data.progress).forEach(function (key) {
          var cell = box.querySelector('[data-field="' + key + '"]');
          if (cell) { cell.textContent = data.progress[key]; }
        });
        if (typeof data.progress.elapsed_s === "number") { elapsed = data.progress.elapsed_s; }
        if (data.active) {
          window.setTimeout(tick, 2000);
        } else {
          window.clearInterval(counter);
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(tick, 5000); });
  }
  window.setTimeout(tick, 1000);
}());
