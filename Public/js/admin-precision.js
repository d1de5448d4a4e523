// admin-precision.js — the admin page's controller for the Precision box: reads the figures the live report carries (its JSON data block, the JSON report's overall and coverage) and the typed margin, and hands both to the model (precision.js) and the view (precision-view.js).
import { DEFAULT_MARGIN_TEXT, planFor, precisionSoFar, readMargin } from './precision.js';
import { PrecisionView } from './precision-view.js';

/**
 * Wires the Precision box; returns {loading(study), shown(study, reportDocument)}: the page
 * says when it starts loading a study's report into its frame and hands over the frame's
 * document once it has loaded, so the box needs no report of its own.
 */
export function installPrecision(doc) {
  const view = new PrecisionView(doc);
  let study = '';
  let summary = null;
  let margin = readMargin(DEFAULT_MARGIN_TEXT).margin;

  function render() {
    if (!summary) return;
    const soFar = precisionSoFar(summary);
    view.show(study, soFar, margin, planFor(soFar.majority.error, margin, soFar.coverage));
  }

  view.onMargin((text) => {
    const read = readMargin(text);
    if (read.problem) return view.marginProblem(read.problem);
    margin = read.margin;
    view.marginProblem('');
    render();
  });

  function loading(name) {
    if (!name) {
      study = '';
      summary = null;
      return view.note('No study yet.');
    }
    // The same study's figures stay up while its report is computed again.
    if (name !== study || !summary) view.note(`Loading the report of ${name}…`);
    if (name !== study) summary = null;
    study = name;
  }

  function shown(name, reportDocument) {
    // No study (the frame's first, empty page), or another chosen while this report loaded.
    if (!name || name !== study) return;
    const block = reportDocument?.getElementById('report-summary');
    let read = null;
    try {
      read = block ? JSON.parse(block.textContent) : null;
    } catch {
      read = null;
    }
    if (!read) {
      summary = null;
      // The frame shows the server's answer instead of a report: an error's JSON, say.
      const said = reportDocument?.body?.textContent?.trim().slice(0, 200);
      return view.note(`Could not load the report of ${name}${said ? `: ${said}` : '.'}`);
    }
    summary = read;
    render();
  }

  return { loading, shown };
}
