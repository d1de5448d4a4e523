// metrics.js — the page's own timings, taken with the Performance API (marks and
// measures) and collected in window.refhumanMetrics so that tests, and anyone curious,
// can read what annotators actually experienced.

const metrics = {
  nextImage: [],     // ms from "answer given" to the next image painted
  filter: [],        // ms spent filtering the cards for one keystroke
  filterPaint: [],   // ms from the keystroke event to the filtered list painted
  catalogRender: [], // ms to build the category panel
  pickerPaint: [],   // ms from navigation start to the first paint of the built picker
  treeExpand: [],    // ms to open one node of the hierarchy (its children rendered the first time)
  heapMB: [],        // JS heap in use, MB (Chromium's performance.memory), when sampled
  domNodes: [],      // elements in the page, when sampled
};
window.refhumanMetrics = metrics;

let sequence = 0;

/** A uniquely named mark, so measures never pick up an older mark of the same name. */
export function mark(name, startTime) {
  const unique = `${name}#${++sequence}`;
  performance.mark(unique, startTime === undefined ? undefined : { startTime });
  return unique;
}

/** Measures from `start` (mark name or timestamp) to `end` and records it under `bucket`. */
export function record(bucket, start, end) {
  const entry = performance.measure(`refhuman:${bucket}`, { start, end });
  metrics[bucket].push(Math.round(entry.duration * 100) / 100);
  return entry.duration;
}

/**
 * Resolves with the time just after the next frame is painted: rAF runs before paint,
 * a message posted from it runs after. Hidden tabs never paint, so a timeout caps it.
 */
export function afterPaint() {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => { if (!done) { done = true; resolve(performance.now()); } };
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = finish;
      channel.port2.postMessage(null);
    });
    setTimeout(finish, 250);
  });
}

/** Notes the page's JS heap (where the browser tells it) and element count now. */
export function sampleMemory() {
  const used = performance.memory?.usedJSHeapSize;
  if (Number.isFinite(used)) metrics.heapMB.push(Math.round((used / 1048576) * 10) / 10);
  metrics.domNodes.push(document.getElementsByTagName('*').length);
}
window.refhumanSampleMemory = sampleMemory; // for the UI tests, after they browse
