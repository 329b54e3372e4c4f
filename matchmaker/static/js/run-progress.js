/* Live progress: poll the run's JSON until it ends, then show the link to its draft. */
(function () {
  var box = document.getElementById("run-progress");
  if (box.dataset.active !== "true") return;
  function tick() {
    fetch(box.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
      box.querySelector('[data-field="status"]').textContent = data.status;
      Object.keys(data.progress).forEach(function (key) {
        var cell = box.querySelector('[data-field="' + key + '"]');
        if (cell) cell.textContent = data.progress[key];
      });
      if (data.active) { setTimeout(tick, 2000); } else { window.location.reload(); }
    });
  }
  setTimeout(tick, 1000);
})();
