/* Live progress of a scheduler run (templates/scheduling/run.html): poll the run's JSON until
   it ends, then reload to show the link to its draft. Shows the status by its label. */
(function () {
  "use strict";
  var box = document.getElementById("run-progress");
  if (!box || box.dataset.active !== "true") return;
  function tick() {
    fetch(box.dataset.url, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        box.querySelector('[data-field="status"]').textContent = data.status_label;
        Object.keys(data.progress).forEach(function (key) {
          var cell = box.querySelector('[data-field="' + key + '"]');
          if (cell) cell.textContent = data.progress[key];
        });
        if (data.active) { setTimeout(tick, 2000); } else { window.location.reload(); }
      });
  }
  setTimeout(tick, 1000);
})();
