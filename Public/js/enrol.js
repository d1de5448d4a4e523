// enrol.js — the enrolment page's controller (/s/{code}, the link a study posts on Prolific
// or MTurk): reads the code and the platform ids, takes the ids out of the address at once,
// and enrols: on to the annotator page, or an MTurk preview, or the reason it cannot; inside
// MTurk's frame an accepted HIT gets the introduction and a link to open it top-level.
import { Enrolment, codeFromPath, frameDecision, idsForThisTab, linkWithIds } from './enrolment.js';
import { EnrolView } from './enrol-view.js';

const code = codeFromPath(location.pathname);
const ids = code ? idsForThisTab(code, location.search) : {};
const enrolment = new Enrolment(code, ids);
// Inside MTurk's frame the session cookie would not stick: an accepted HIT opens top-level.
const decision = frameDecision(window.top !== window.self, ids);
// The platform ids leave the address bar and the session history before anything else runs.
if (code) history.replaceState(null, '', `/s/${encodeURIComponent(code)}`);

const view = new EnrolView(document);
let busy = false;

async function enrol() {
  if (busy) return;
  busy = true;
  view.busy(true);
  view.problem('');
  if (decision === 'open-window') {
    const intro = await enrolment.introduction();
    busy = false;
    view.busy(false);
    // Only a refusal (an unknown or closed study) stops it; without the introduction the
    // window can still be opened, and it says for itself what is wrong.
    if (intro.outcome === 'refused') view.refused(intro);
    else view.openWindow(intro.study ?? {}, linkWithIds(location.origin, code, ids));
    return;
  }
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
