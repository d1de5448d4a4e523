// admin-precision.js — the admin page's controller for the Precision box: loads the chosen study's JSON report through api.js, reads the typed margin, and hands both to the model (precision.js) and the view (precision-view.js).
import { getReport } from './api.js';
import { DEFAULT_MARGIN_TEXT, planFor, precisionSoFar, readMargin } from './precision.js';
import { PrecisionView } from './precision-view.js';

/** Wires the Precision box; returns {refresh(study)} for the page's own refresh. */
export function installPrecision(doc) {
  const view = new PrecisionView(doc);
  let study = '';
  let report = null;
  let margin = readMargin(DEFAULT_MARGIN_TEXT).margin;
  // Each load is numbered: an answer that arrives after a later request (another study
  // chosen meanwhile) is dropped rather than shown under the wrong name.
  let latest = 0;

  function render() {
    if (!report) return;
    const soFar = precisionSoFar(report);
    view.show(study, soFar, margin, planFor(soFar.majority.error, margin, soFar.coverage));
  }

  view.onMargin((text) => {
    const read = readMargin(text);
    if (read.problem) return view.marginProblem(read.problem);
    margin = read.margin;
    view.marginProblem('');
    render();
  });

  async function refresh(name) {
    const asked = ++latest;
    if (!name) {
      study = '';
      report = null;
      return view.note('No study yet.');
    }
    // The same study's figures stay up while its report is computed again.
    if (name !== study || !report) view.note(`Loading the report of ${name}…`);
    if (name !== study) report = null;
    study = name;
    try {
      const answer = await getReport(name);
      if (asked !== latest) return;
      report = answer;
      render();
    } catch (error) {
      if (asked !== latest) return;
      report = null;
      view.note(`Could not load the report of ${name}: ${error?.message || String(error)}`);
    }
  }

  return { refresh };
}
