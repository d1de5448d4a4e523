// admin.js: fills the admin page from /api/admin/progress and points the live report and the
// download links at the chosen dataset. Plain DOM, no build step.

const datasetSelect = document.querySelector("#dataset");
const status = document.querySelector("#status");
const reportFrame = document.querySelector("#report");
const liveToggle = document.querySelector("#live");
const refreshEveryMs = 30_000;

function cell(text, numeric = false) {
  const td = document.createElement("td");
  td.textContent = text;
  if (numeric) td.className = "num";
  return td;
}

function fillTable(selector, rows) {
  const body = document.querySelector(`${selector} tbody`);
  body.replaceChildren(...rows.map((cells) => {
    const tr = document.createElement("tr");
    tr.append(...cells);
    return tr;
  }));
}

function query(extra) {
  const params = new URLSearchParams(extra);
  if (datasetSelect.value) params.set("dataset", datasetSelect.value);
  return params.toString();
}

function pointLinks() {
  for (const link of document.querySelectorAll(".downloads a")) {
    const path = link.dataset.kind === "report" ? "/api/admin/report" : "/api/admin/export/judgements";
    link.href = `${path}?${query({ format: link.dataset.format, download: "1" })}`;
  }
}

async function loadProgress() {
  const response = await fetch("/api/admin/progress", { credentials: "same-origin" });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.detail || body.error || `progress: HTTP ${response.status}`);
  }
  const progress = await response.json();
  const chosen = datasetSelect.value;
  datasetSelect.replaceChildren(...progress.datasets.map((dataset) => new Option(dataset.name, dataset.name)));
  if (progress.datasets.some((dataset) => dataset.name === chosen)) datasetSelect.value = chosen;
  fillTable("#datasets", progress.datasets.map((dataset) => [
    cell(dataset.name), cell(dataset.test_items, true), cell(dataset.complete_items, true),
    cell(dataset.test_judgements, true), cell(dataset.test_items * dataset.judgements_per_item, true),
  ]));
  fillTable("#annotators", progress.annotators.map((annotator) => [
    cell(annotator.name), cell(annotator.dataset ?? "–"), cell(annotator.practice_done, true),
    cell(annotator.test_done, true), cell(annotator.last_submitted_at ?? "–"),
    cell(annotator.disabled ? "disabled" : "active"),
  ]));
}

async function refresh() {
  status.classList.remove("error");
  status.textContent = "refreshing…";
  try {
    await loadProgress();
    pointLinks();
    if (datasetSelect.value) reportFrame.src = `/api/admin/report?${query({ format: "html" })}`;
    status.textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    status.classList.add("error");
    status.textContent = `could not refresh: ${error.message}`;
  }
}

datasetSelect.addEventListener("change", refresh);
document.querySelector("#refresh").addEventListener("click", refresh);
setInterval(() => { if (liveToggle.checked && !document.hidden) refresh(); }, refreshEveryMs);
refresh();
