// main.js — the annotator page's entry point: loads who the annotator is and the
// categories, explains a missing or stale login, and hands over to the session.
import { ApiError, getCategories, getMe } from './api.js';
import { installShortcuts } from './keys.js';
import { trackStickyHeights } from './layout.js';
import { mark, record } from './metrics.js';
import { Session } from './session.js';

const $ = (id) => document.getElementById(id);

function explain(title, text) {
  $('notice-title').textContent = title;
  $('notice-text').textContent = text;
  $('notice').hidden = false;
  $('workspace').hidden = true;
  $('loading').hidden = true;
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
        + 'Open it in this browser and you will land back here, signed in.');
    } else {
      explain('RefHuman cannot start', `${error.message}. Reload the page to try again.`);
    }
    return;
  }
  if (!me.dataset || !categories.length) {
    explain('Nothing to label', 'Your account is not attached to a dataset with categories yet.');
    return;
  }
  $('who').textContent = me.name;
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
  const session = new Session({ me, categories, dom });
  record('catalogRender', started, mark('catalog-end'));
  if (categories.length > 10) $('digit-help').hidden = true;
  installShortcuts(session, dom.search);
  window.refhumanSession = session; // handy in the console and for the UI tests
  await session.start();
}

boot();
