// main.js — the annotator page's entry point: loads who the annotator is and the
// categories, explains a missing or stale login, offers signing out, takes a study's
// participant through its instructions and consent, hands over to the session, lets them
// return the study early, and shows how it ended.
import { ApiError, getCategories, getHierarchy, getMe } from './api.js';
import { installShortcuts } from './keys.js';
import { trackStickyHeights } from './layout.js';
import { afterPaint, mark, record, sampleMemory } from './metrics.js';
import { answerConsent, finishOf, hasEnded, isConsenting, mayReturn, needsFinishScreen, returnStudy } from './participation.js';
import { PathView } from './path-view.js';
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

/**
 * A study's participant may stop at any point of the labelling: "Return study" asks once
 * (a native confirm, which Enter and Escape answer), lets answers on their way arrive, and
 * ends the path on the server, which then shows the "returned" finish screen.
 */
function offerReturn(path, me, currentSession) {
  const button = $('return-study');
  const note = $('sign-out-note');
  button.hidden = false;
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    if (!window.confirm('Return this study? You will label no more images here; the answers you gave are kept.')) return;
    button.setAttribute('aria-disabled', 'true');
    note.textContent = '';
    const outbox = currentSession()?.outbox;
    if (outbox && outbox.size > 0) {
      outbox.kick();
      await Promise.race([outbox.drained(), new Promise((done) => setTimeout(done, SIGN_OUT_SETTLE_MS))]);
    }
    const result = await returnStudy();
    button.removeAttribute('aria-disabled');
    if (result.outcome === 'problem') {
      note.textContent = `Not returned: ${result.message}`;
      return;
    }
    button.hidden = true;
    const session = currentSession();
    if (!session?.adopt(result.me)) showEnd(path, result.me);
  });
}

/** The labelling is over (or never began): the plain done page, or the finish screen of a study. */
function showEnd(path, me) {
  $('loading').hidden = true;
  $('workspace').hidden = true;
  $('pause').hidden = true;
  $('return-study').hidden = true;
  if (!needsFinishScreen(me.participation)) {
    $('done-count').textContent = String(me.test_done);
    $('done').hidden = false;
    return;
  }
  const finish = finishOf(me.participation);
  if (finish.outcome !== 'completed') {
    // No labelling to account for: the header keeps only the name and Sign out.
    $('phase-badge').textContent = '';
    $('progress').textContent = '';
  }
  path.finish(finish);
}

/**
 * The instructions, then the consent question. Resolves to the fresh /api/me once the person
 * agrees, or to null once they decline (the finish screen is up by then).
 */
function askConsent(path, me) {
  return new Promise((resolve) => {
    let participation = me.participation;
    document.title = `RefHuman · ${participation.title || 'a study'}`;
    path.intro(participation);
    path.on('continue', () => path.consent(participation));
    const answer = async (agree) => {
      path.busy(true);
      path.problem('');
      const result = await answerConsent(agree, participation.consent_version);
      path.busy(false);
      if (result.outcome === 'changed') {
        participation = result.me.participation;
        path.consent(participation, { changed: true });
      } else if (result.outcome === 'problem') {
        path.problem(result.message);
      } else if (hasEnded(result.participation)) {
        showEnd(path, { ...me, participation: result.participation });
        resolve(null);
      } else {
        try {
          resolve(await getMe());
        } catch (error) {
          path.problem(`Your answer is saved, but the page could not go on (${error.message}). Reload the page.`);
        }
      }
    };
    path.on('agree', () => answer(true));
    path.on('decline', () => answer(false));
  });
}

async function boot() {
  let me;
  let categories;
  // Asked alongside the categories; a dataset without a hierarchy (or a server without
  // the route) simply gets the flat list.
  let hierarchy = getHierarchy().catch(() => null);
  try {
    // Categories that cannot be had yet (a participant still to consent) are asked again later.
    [me, categories] = await Promise.all([getMe(), getCategories().catch((error) => error)]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && error.error === 'invalid token') {
      // Signed in once, but the link has since been disabled: opening it again cannot help.
      explain('This link no longer works', 'Your invite link was disabled or replaced. '
        + 'Ask the person running the study, who sent it to you, for a new one.');
    } else if (error instanceof ApiError && error.status === 401) {
      explain('Please open your invite link', 'This page needs the personal link you were sent. '
        + 'Open it in this browser, press Continue, and you will land back here, signed in. '
        + 'Taking part through Prolific or MTurk? Open the study from there again.');
    } else {
      explain('RefHuman cannot start', `${error.message}. Reload the page to try again.`);
    }
    return;
  }
  let session = null;
  offerSignOut(() => session);
  $('who').textContent = me.name;
  const path = new PathView(document);
  if (isConsenting(me.participation)) {
    $('loading').hidden = true;
    me = await askConsent(path, me);
    if (!me) return;
    path.show(null);
    if (categories instanceof Error) {
      categories = await getCategories().catch((error) => error);
      hierarchy = getHierarchy().catch(() => null);
    }
  }
  if (hasEnded(me.participation)) {
    showEnd(path, me);
    return;
  }
  if (mayReturn(me.participation)) offerReturn(path, me, () => session);
  if (categories instanceof Error) {
    explain('RefHuman cannot start', `${categories.message}. Reload the page to try again.`);
    return;
  }
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
    tree: $('tree'), pickerMode: $('picker-mode'), tray: $('compare-tray'), coarseOffers: $('coarse-offers'),
    phaseBadge: $('phase-badge'), progress: $('progress'), sync: $('sync'), switchDialog: $('switch-dialog'),
    switchScore: $('switch-score'), maxGuesses: $('max-guesses'),
  };
  dom.workspace.hidden = false;
  dom.pause.hidden = false; // only labelling has a clock to stop
  $('loading').hidden = true;
  trackStickyHeights({
    header: document.querySelector('.topbar'),
    stageColumn: document.querySelector('.stage-column'),
    finder: document.querySelector('.finder'),
  });
  hierarchy = categories.some((c) => c.path?.length) ? await hierarchy : null;
  const started = mark('catalog-start');
  session = new Session({ me, categories, hierarchy, dom, onEnd: (last) => showEnd(path, last) });
  record('catalogRender', started, mark('catalog-end'));
  // First useful paint: the picker's names on screen, counted from the page's navigation.
  afterPaint().then((painted) => {
    record('pickerPaint', 0, painted);
    sampleMemory();
  });
  if (categories.length > 10) $('digit-help').hidden = true;
  $('coarse-help').hidden = !session.coarse.allowed;
  installShortcuts(session, dom.search);
  window.refhumanSession = session; // handy in the console and for the UI tests
  await session.start();
}

boot();
