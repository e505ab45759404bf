// Polls the status of uploads still running and updates their progress bars until they finish.
(function () {
  "use strict";
  const FINISHED = ["done", "failed"];

  function poll(item) {
    fetch("/api/uploads/" + encodeURIComponent(item.dataset.job), { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((job) => {
        item.querySelector("progress").value = job.progress;
        item.querySelector(".message").textContent = job.message;
        item.className = "job " + job.state;
        item.dataset.state = job.state;
        if (job.decree_id) {
          const link = item.querySelector(".open");
          link.href = "/decrees/" + job.decree_id;
          link.hidden = false;
        }
        if (FINISHED.includes(job.state)) {
          window.setTimeout(() => window.location.reload(), 600);
        } else {
          window.setTimeout(() => poll(item), 700);
        }
      })
      .catch(() => window.setTimeout(() => poll(item), 2000));
  }

  document.querySelectorAll("li.job").forEach((item) => {
    if (!FINISHED.includes(item.dataset.state)) poll(item);
  });
})();
