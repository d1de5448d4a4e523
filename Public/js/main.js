// main.js — the annotator page's entry point: loads who the annotator is and the
// categories, explains a missing or stale login, offers signing out, and hands over to
// the session.
import { ApiError, getCategories, getMe } from './api.js';
import { installShortcuts } from './keys.js';
import { trackStickyHeights } from './layout.js';
import { mark, record } from './metrics.js';
import { Session } from './session.js';
import { installSignOut } from './signout.js';

const $ = (id) => document.getElementById(id);
// How long signing out waits for answers still on their way before it goes ahead; any
// left stay in this browser and are sent when the same link is opened here again.
const SIGN_OUT_SETTLE_MS = 5000;

function explain(title, text) {
  $('notice-title').textContent = title;
  $('notice-text').textContent = text;
  $('notice').hidden = false;
  $('workspace').hidden = true;
  $('loading').hidden = true;
}

/** Shows the Sign out button; answers still waiting get a few seconds to reach the server first. */
function offerSignOut(currentSession) {
  const button = $('sign-out');
  const note = $('sign-out-note');
  installSignOut(button, {
    settle: async () => {
      const outbox = currentSession()?.outbox;
      if (!outbox || outbox.size === 0) return;
      outbox.kick();
      await Promise.race([outbox.drained(), new Promise((done) => setTimeout(done, SIGN_OUT_SETTLE_MS))]);
    },
    tell: (text) => { note.textContent = text; },
  });
  button.hidden = false;
}

async function boot() {
  let me;
  let categories;
  try {
    [me, categories] = await Promise.all([getMe(), getCategories()]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && error.error === 'invalid token') {
      // Signed in once, but the link has since been disabled: opening it again cannot help.
      explain('This link no longer works', 'Your invite link was disabled or replaced. '
        + 'Ask the person running the study, who sent it to you, for a new one.');
    } else if (error instanceof ApiError && error.status === 401) {
      explain('Please open your invite link', 'This page needs the personal link you were sent. '
        + 'Open it in this browser, press Continue, and you will land back here, signed in.');
    } else {
      explain('RefHuman cannot start', `${error.message}. Reload the page to try again.`);
    }
    return;
  }
  let session = null;
  offerSignOut(() => session);
  $('who').textContent = me.name;
  if (!me.dataset || !categories.length) {
    explain('Nothing to label', 'Your account is not attached to a dataset with categories yet.');
    return;
  }
  $('dataset').textContent = me.dataset;
  document.title = `RefHuman · ${me.dataset}`;

  const dom = {
    workspace: $('workspace'), stageBox: $('stage-box'), chips: $('chips'), chipsEmpty: $('chips-empty'),
    hint: $('hint'), submit: $('submit'), abstain: $('abstain'), undo: $('undo'), pause: $('pause'),
    resume: $('resume'), next: $('next'), feedback: $('feedback'), feedbackBox: $('feedback-box'),
    answer: $('answer'), search: $('search'), matchSummary: $('match-summary'), catalog: $('catalog'),
    phaseBadge: $('phase-badge'), progress: $('progress'), sync: $('sync'), switchDialog: $('switch-dialog'),
    switchScore: $('switch-score'), done: $('done'), doneCount: $('done-count'), maxGuesses: $('max-guesses'),
  };
  dom.workspace.hidden = false;
  dom.pause.hidden = false; // only labelling has a clock to stop
  $('loading').hidden = true;
  trackStickyHeights({
    header: document.querySelector('.topbar'),
    stageColumn: document.querySelector('.stage-column'),
    finder: document.querySelector('.finder'),
  });
  const started = mark('catalog-start');
  session = new Session({ me, categories, dom });
  record('catalogRender', started, mark('catalog-end'));
  if (categories.length > 10) $('digit-help').hidden = true;
  installShortcuts(session, dom.search);
  window.refhumanSession = session; // handy in the console and for the UI tests
  await session.start();
}

boot();
