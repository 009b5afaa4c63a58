// The progress page: follow the audit over server-sent events and show each stage, the pages fetched and, at the
// end, the score with a link to the report. Every value is set as text, never as markup.
"use strict";
(function () {
  const box = document.getElementById("job");
  if (!box) { return; }
  const stages = ["queued", "crawling", "writing", "done"];
  const labels = {"ready": "Ready", "needs-work": "Needs work", "not-ready": "Not ready", "unavailable": "Unavailable"};

  function mark(stage) {
    const at = stages.indexOf(stage);
    box.querySelectorAll(".stages li").forEach(function (item) {
      const index = stages.indexOf(item.dataset.stage);
      item.classList.toggle("current", index === at);
      item.classList.toggle("past", at >= 0 && index < at);
    });
  }

  function paragraph(parts) {
    const p = document.createElement("p");
    parts.forEach(function (part) { p.append(part); });
    return p;
  }

  function link(href, text, id) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (id) { a.id = id; }
    return a;
  }

  function finish(job) {
    const outcome = document.getElementById("outcome");
    outcome.textContent = "";
    if (job.status === "done") {
      const score = job.score === null ? "–" : Math.round(job.score).toString();
      const b = document.createElement("b");
      b.textContent = score;
      outcome.append(paragraph(["Score ", b, " · " + (labels[job.verdict] || job.verdict)]));
      const links = [];
      if (job.report_url) { links.push(link(job.report_url, "Open the report", "report-link"), " · "); }
      links.push(link(box.dataset.listing, "This listing's history"));
      outcome.append(paragraph(links));
    } else {
      const p = paragraph(["The audit failed: " + job.error]);
      p.className = "dash-error";
      p.setAttribute("role", "alert");
      outcome.append(p);
    }
  }

  function show(job) {
    document.getElementById("status").textContent = job.status;
    document.getElementById("stage").textContent = job.stage;
    document.getElementById("pages").textContent = job.pages_fetched.toString();
    box.dataset.status = job.status;
    mark(job.status === "failed" ? "" : job.stage);
    if (job.status === "done" || job.status === "failed") { finish(job); }
  }

  mark(box.dataset.status === "done" ? "done" : box.querySelector("#stage").textContent);
  if (box.dataset.status === "done" || box.dataset.status === "failed") { return; }
  const events = new EventSource(box.dataset.events);
  events.onmessage = function (message) {
    const job = JSON.parse(message.data);
    show(job);
    if (job.status === "done" || job.status === "failed") { events.close(); }
  };
})();
