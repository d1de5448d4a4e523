// enrolment.js — the enrolment page's model: the study code read from /s/{code}, the
// platform ids Prolific or MTurk appended to the link, what POST /api/enrol makes of them,
// and whether a page inside MTurk's frame may enrol at all. No DOM here.
import { ApiError, NetworkError, postEnrol } from './api.js';

/** Query parameters the platforms append, and the names the server takes them by. */
export const PLATFORM_PARAMETERS = {
  PROLIFIC_PID: 'prolific_pid',
  STUDY_ID: 'study_id',
  SESSION_ID: 'session_id',
  workerId: 'worker_id',
  assignmentId: 'assignment_id',
  hitId: 'hit_id',
  turkSubmitTo: 'turk_submit_to',
};

// The ids are kept for this tab only, so that reloading the cleaned address still enrols.
const KEPT = 'refhuman.enrol.';

/** The code of /s/CODE, or null when the address holds none. */
export function codeFromPath(pathname) {
  const match = /^\/s\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]) || null;
  } catch {
    return null; // a broken %-escape is no code anyone was sent
  }
}

/** The platform ids in a query string, under the server's names; those absent or empty are left out. */
export function platformIds(search) {
  const query = new URLSearchParams(search);
  const ids = {};
  for (const [param, name] of Object.entries(PLATFORM_PARAMETERS)) {
    const value = query.get(param);
    if (value !== null && value.trim() !== '') ids[name] = value.trim();
  }
  return ids;
}

/**
 * The ids of this opening of the link: those in the address, kept for this tab; or, when the
 * address has none (a reload after they were taken out), the ones kept before.
 */
export function idsForThisTab(code, search, storage = sessionStorage) {
  const ids = platformIds(search);
  try {
    if (Object.keys(ids).length) storage.setItem(KEPT + code, JSON.stringify(ids));
    else return JSON.parse(storage.getItem(KEPT + code) ?? '{}') ?? {};
  } catch { /* storage refused: the ids in the address are all there is */ }
  return ids;
}

/** The assignmentId MTurk sends while a worker only previews the HIT. */
export const PREVIEW_ASSIGNMENT = 'ASSIGNMENT_ID_NOT_AVAILABLE';

/**
 * What this opening of the link does: 'enrol' (POST /api/enrol: the top-level page, or an
 * MTurk preview, which stores nothing and sets no cookie, or a link with no ids at all, which
 * the server refuses) or 'open-window': inside a frame (MTurk's ExternalQuestion) the browser
 * would not keep the SameSite=Strict session cookie, so an accepted assignment only shows the
 * introduction and a link that opens the study top-level.
 */
export function frameDecision(framed, ids) {
  if (!framed || Object.keys(ids ?? {}).length === 0) return 'enrol';
  return ids.assignment_id === PREVIEW_ASSIGNMENT ? 'enrol' : 'open-window';
}

/** The study's link with the platform ids again, under the platforms' own names: what opens it top-level. */
export function linkWithIds(origin, code, ids) {
  const query = new URLSearchParams();
  for (const [param, name] of Object.entries(PLATFORM_PARAMETERS)) {
    if (ids?.[name]) query.set(param, ids[name]);
  }
  const search = query.toString();
  return `${origin}/s/${encodeURIComponent(code)}${search ? `?${search}` : ''}`;
}

/** Headings for the server's refusals, by status (and for 409, by what it says). */
function refusalTitle(error) {
  if (error.status === 404) return 'This study link does not work';
  if (error.status === 409 && /full|all the participants/i.test(error.message)) return 'This study is full';
  if (error.status === 409 && /closed/i.test(error.message)) return 'This study has closed';
  if (error.status === 400) return 'This link is incomplete';
  if (error.status === 429) return 'Too many tries';
  return 'The study cannot start';
}

const HINTS = {
  404: 'Check that the whole link was copied, or ask whoever runs the study for it.',
  409: 'Nothing was stored. Return the study on your platform, so that the place goes to someone else.',
  400: 'Open the study again from Prolific or MTurk: the link they open carries your id.',
  429: 'Wait a few minutes, then open the link again.',
};

export class Enrolment {
  constructor(code, ids) {
    this.code = code;
    this.ids = ids;
  }

  /**
   * Asks the server to enrol (or resume) this person. Resolves, never rejects, to one of
   * {outcome: 'enrolled', to, resumed, study} (a session cookie is set), {outcome: 'preview',
   * study} (an MTurk preview: nothing stored), {outcome: 'refused', title, message, hint} and
   * {outcome: 'unreachable', message}.
   */
  /**
   * The study's introduction without enrolling: the preview MTurk's frame may ask for (no
   * worker id sent; nothing stored, no cookie). Resolves like enrol(), with outcome 'preview'
   * on success.
   */
  introduction() {
    const ids = { assignment_id: PREVIEW_ASSIGNMENT };
    if (this.ids.hit_id) ids.hit_id = this.ids.hit_id;
    return new Enrolment(this.code, ids).enrol();
  }

  async enrol() {
    if (!this.code) {
      return { outcome: 'refused', title: 'This study link does not work', message: 'The address holds no study code.', hint: HINTS[404] };
    }
    try {
      const answer = await postEnrol({ code: this.code, ...this.ids });
      if (answer?.preview === true) return { outcome: 'preview', study: answer.study ?? {} };
      return { outcome: 'enrolled', to: '/', resumed: answer?.resumed === true, study: answer?.study ?? {} };
    } catch (error) {
      if (error instanceof ApiError) {
        return { outcome: 'refused', title: refusalTitle(error), message: error.message, hint: HINTS[error.status] ?? '' };
      }
      if (error instanceof NetworkError) {
        return { outcome: 'unreachable', message: `RefHuman could not be reached (${error.message}). Check the connection and try again.` };
      }
      return { outcome: 'refused', title: 'The study cannot start', message: `Something went wrong: ${error.message}.`, hint: '' };
    }
  }
}
