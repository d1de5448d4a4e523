// join.js — the join page's controller: takes the invite token out of the address at once,
// asks the server whether this browser is signed in, and signs in or switches accounts only
// when the person presses a button (a page that opens the link cannot sign anyone in).
import { Invite, tokenFromPath } from './invite.js';
import { JoinView } from './join-view.js';

const invite = new Invite(tokenFromPath(location.pathname));
// The token leaves the address bar and the session history before anything else runs.
history.replaceState(null, '', '/join');

const view = new JoinView(document);
let busy = false;

async function check() {
  view.problem('');
  view.show('checking');
  let part;
  try {
    part = await invite.check();
  } catch (error) {
    view.show('unreachable');
    view.problem(error.message);
    return;
  }
  view.show(part, { name: invite.current?.name ?? '' });
}

async function accept() {
  if (busy) return;
  busy = true;
  view.busy(true);
  view.problem('');
  const result = await invite.accept();
  if (result.outcome === 'signed-in') {
    // Replaces /join in the history too: Back leads to wherever the link was opened from.
    location.replace(result.to);
    return;
  }
  busy = false;
  view.busy(false);
  if (result.outcome === 'unknown') view.show('unknown');
  else view.problem(result.message);
}

view.on('continue', accept);
view.on('switch', accept);
view.on('stay', () => { if (!busy) location.replace(invite.stayPath()); });
view.on('retry', check);
check();
