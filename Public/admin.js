// admin.js: fills the admin page from /api/admin/progress and points the live report and the
// download links at the chosen study, keeping the reader's place in the report across a
// refresh, and flags annotators whose answers look hurried, repetitive or made away from
// the page; js/admin-studies.js runs the studies and invites, js/admin-precision.js the
// Precision box beside the report; its Sign out button ends the
// admin's session. Plain DOM, no build step.
import { installSignOut } from "./js/signout.js";
import { installStudies } from "./js/admin-studies.js";
import { installPrecision } from "./js/admin-precision.js";
import { keepFocus } from "./js/studies-view.js";

const studySelect = document.querySelector("#report-study");
const status = document.querySelector("#status");
const reportFrame = document.querySelector("#report");
const liveToggle = document.querySelector("#live");
const flagLegend = document.querySelector("#flag-legend");
const refreshEveryMs = 30_000;

/** The server's integrity flags (GET /api/admin/progress) and the rule behind each. */
const flagRules = {
  fast: "More than 10 % of this annotator's test answers came in under 400 ms.",
  repetitive: "A run of 10 or more consecutive test answers with the same first guess.",
  away: "The tab was hidden for more than 25 % of this annotator's total answering time.",
};

function cell(text, numeric = false) {
  const td = document.createElement("td");
  td.textContent = text;
  if (numeric) td.className = "num";
  return td;
}

const twoDigits = (n) => String(n).padStart(2, "0");

/** "2026-11-30 14:05:09": a date and time without the locale's guesswork. */
function dateTime(year, month, day, hours, minutes, seconds) {
  return `${year}-${twoDigits(month)}-${twoDigits(day)} ${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}`;
}

/** A stored UTC timestamp shown in the reader's local time, with UTC on hover. */
function timeCell(iso) {
  const td = document.createElement("td");
  const when = iso ? new Date(iso) : null;
  if (!when || Number.isNaN(when.getTime())) {
    td.textContent = iso ?? "–";
    return td;
  }
  const time = document.createElement("time");
  time.dateTime = iso;
  time.textContent = dateTime(when.getFullYear(), when.getMonth() + 1, when.getDate(),
    when.getHours(), when.getMinutes(), when.getSeconds());
  time.title = `${dateTime(when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate(),
    when.getUTCHours(), when.getUTCMinutes(), when.getUTCSeconds())} UTC`;
  td.append(time);
  return td;
}

/** The annotator's flags as plain words, each explained in its title; empty without flags. */
function flagsCell(flags) {
  const td = document.createElement("td");
  td.className = "flags";
  for (const flag of flags ?? []) {
    const word = document.createElement("span");
    word.className = "flag";
    word.textContent = flag;
    if (flagRules[flag]) word.title = flagRules[flag];
    if (td.childNodes.length) td.append(" ");
    td.append(word);
  }
  return td;
}

/** Lists the rules of the flags in the table, or hides the list when no one is flagged. */
function explainFlags(annotators) {
  const shown = new Set(annotators.flatMap((annotator) => annotator.flags ?? []));
  const items = Object.entries(flagRules).filter(([flag]) => shown.has(flag)).flatMap(([flag, rule]) => {
    const term = document.createElement("dt");
    term.textContent = flag;
    const definition = document.createElement("dd");
    definition.textContent = rule;
    return [term, definition];
  });
  flagLegend.replaceChildren(...items);
  flagLegend.hidden = items.length === 0;
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
  if (studySelect.value) params.set("study", studySelect.value);
  return params.toString();
}

function pointLinks() {
  for (const link of document.querySelectorAll(".downloads a")) {
    const path = { report: "/api/admin/report", export: "/api/admin/export/judgements",
                   provenance: "/api/admin/export/provenance" }[link.dataset.kind];
    const options = link.dataset.format ? { format: link.dataset.format, download: "1" } : { download: "1" };
    link.href = `${path}?${query(options)}`;
  }
}

async function loadProgress() {
  const response = await fetch("/api/admin/progress", { credentials: "same-origin" });
  if (response.status === 401) throw new Error("signed out; open the admin link again");
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    throw new Error(body.detail || body.error || `progress: HTTP ${response.status}`);
  }
  const progress = await response.json();
  // Reports are per study: judgements collected under two protocols are not one sample, so
  // the server refuses a dataset's report when the dataset has several studies.
  const chosen = studySelect.value;
  const names = progress.studies.map((study) => study.name).sort();
  studySelect.replaceChildren(...progress.studies.slice().sort((a, b) => a.name.localeCompare(b.name))
    .map((study) => new Option(study.name === study.dataset ? study.name : `${study.name} (${study.dataset})`, study.name)));
  if (names.includes(chosen)) studySelect.value = chosen;
  fillTable("#studies", progress.studies.map((study) => [
    cell(study.name), cell(study.dataset), cell(study.test_items, true), cell(study.complete_items, true),
    cell(study.test_judgements, true), cell(study.test_items * study.judgements_per_item, true),
    cell(study.closed_at ? "closed" : study.frozen_at ? "running" : "open to edits"),
  ]));
  keepFocus(document.querySelector("#annotators tbody"), () => fillTable("#annotators", progress.annotators.map((annotator) => [
    cell(annotator.name), cell(annotator.study ?? "–"), cell(annotator.practice_done, true),
    cell(annotator.test_done, true), timeCell(annotator.last_submitted_at),
    cell(annotator.disabled ? "disabled" : "active"), studies.annotatorActions(annotator), flagsCell(annotator.flags),
  ])));
  explainFlags(progress.annotators);
  studies.progress(progress);
}

/**
 * Loads the report into the frame. Reloading the same report (the live refresh) puts the
 * reader back where they were; another dataset's report starts at its top.
 */
function showReport(url) {
  const view = reportFrame.contentWindow;
  const sameReport = reportFrame.getAttribute("src") === url;
  const place = sameReport && view ? { x: view.scrollX, y: view.scrollY } : null;
  if (place) {
    reportFrame.addEventListener("load", () => reportFrame.contentWindow?.scrollTo(place.x, place.y), { once: true });
  }
  reportFrame.src = url;
}

async function refresh() {
  status.classList.remove("error");
  status.textContent = "refreshing…";
  try {
    await Promise.all([loadProgress(), studies.refresh()]);
    pointLinks();
    precision.loading(studySelect.value);
    if (studySelect.value) showReport(`/api/admin/report?${query({ format: "html" })}`);
    status.textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    status.classList.add("error");
    status.textContent = `could not refresh: ${error.message}`;
  }
}

const studies = installStudies(document, { changed: () => refresh() });
const precision = installPrecision(document);
// The Precision box reads its figures from the report the frame shows: one report per refresh.
// The study is the one the frame's own address names; its first, empty page names none.
reportFrame.addEventListener("load", () => {
  const source = reportFrame.getAttribute("src");
  const study = source ? new URL(source, location.href).searchParams.get("study") ?? "" : "";
  precision.shown(study, reportFrame.contentDocument);
});
installSignOut(document.querySelector("#sign-out"), {
  tell: (text) => {
    status.classList.toggle("error", text !== "");
    if (text) status.textContent = text;
  },
});
studySelect.addEventListener("change", refresh);
document.querySelector("#refresh").addEventListener("click", refresh);
setInterval(() => { if (liveToggle.checked && !document.hidden) refresh(); }, refreshEveryMs);
refresh();
