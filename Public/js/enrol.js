// enrol.js — the enrolment page's controller (/s/{code}, the link a study posts on Prolific
// or MTurk): reads the code and the platform ids, takes the ids out of the address at once,
// and enrols: on to the annotator page, or an MTurk preview, or the reason it cannot.
import { Enrolment, codeFromPath, idsForThisTab } from './enrolment.js';
import { EnrolView } from './enrol-view.js';

const code = codeFromPath(location.pathname);
const enrolment = new Enrolment(code, code ? idsForThisTab(code, location.search) : {});
// The platform ids leave the address bar and the session history before anything else runs.
if (code) history.replaceState(null, '', `/s/${encodeURIComponent(code)}`);

const view = new EnrolView(document);
let busy = false;

async function enrol() {
  if (busy) return;
  busy = true;
  view.busy(true);
  view.problem('');
  const result = await enrolment.enrol();
  if (result.outcome === 'enrolled') {
    // Replaces /s/{code} in the history too: Back does not enrol a second time.
    location.replace(result.to);
    return;
  }
  busy = false;
  view.busy(false);
  if (result.outcome === 'preview') view.preview(result.study);
  else if (result.outcome === 'refused') view.refused(result);
  else {
    view.show('unreachable');
    view.problem(result.message);
  }
}

view.onRetry(enrol);
enrol();
