// api.js — the RefHuman JSON API as the pages call it (annotator, admin, join, enrol): one
// function per route.
// Failures come back as ApiError (the server answered with {error, detail}) or
// NetworkError (no answer at all), because callers treat the two very differently.

export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail ? `${error}: ${detail}` : error);
    this.status = status;
    this.error = error;
    this.detail = detail;
  }
}

export class NetworkError extends Error {}

/**
 * The server's 409 for an item this annotator has already judged: the same link used in
 * a second browser answered it there first. Told apart from the other 409s by its text.
 */
export const isAlreadyJudged = (error) =>
  error instanceof ApiError && error.status === 409 && /already judged/.test(error.error);

async function call(method, path, { body, timeoutMs = 15000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response;
    let text;
    try {
      response = await fetch(path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: body === undefined ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
      text = await response.text();
    } catch {
      // An abort and a refused connection both mean "we don't know if it arrived".
      throw new NetworkError(controller.signal.aborted
        ? `no answer within ${Math.round(timeoutMs / 1000)} s` : 'server unreachable');
    }
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    if (!response.ok) {
      throw new ApiError(response.status, data?.error ?? `HTTP ${response.status}`, data?.detail ?? '');
    }
    return data;
  } finally {
    clearTimeout(timer);
  }
}

/** The browser's live session ({name, role}); ApiError 401 when there is none. */
export const getSession = () => call('GET', '/api/session');
/** Trades an invite token for a session cookie; answers {name, role, redirect}. */
export const postSession = (token) => call('POST', '/api/session', { body: { token } });
/** Ends the session on the server and clears its cookie (204, no body). */
export const postLogout = () => call('POST', '/api/logout');
export const getMe = () => call('GET', '/api/me');
/** A study's public link opened: {code, prolific_pid…} in, {preview, resumed?, study} out (and a cookie). */
export const postEnrol = (body) => call('POST', '/api/enrol', { body });
/** Agrees (or not) to the consent text of `version`; answers the new participation. */
export const postConsent = (agree, version) =>
  call('POST', '/api/consent', { body: { agree, consent_version: version } });
/** Stops before the end: the participant returns the study; answers the new participation. */
export const postReturn = () => call('POST', '/api/return');
export const getCategories = () => call('GET', '/api/categories');
/** The dataset's inner nodes, parents first: {nodes: [{key, name, description, synonyms, parent}]}. */
export const getHierarchy = () => call('GET', '/api/hierarchy');
/** More example images of one category: {examples: [handle…], total}. */
export const getExamples = (index, offset, limit) =>
  call('GET', `/api/categories/${encodeURIComponent(index)}/examples?${new URLSearchParams({ offset, limit })}`);
// Leasing changes server state, so it is a POST (with an empty body), never a GET.
export const leaseNext = (count) => call('POST', `/api/next?count=${count}`);
export const postJudgement = (judgement, timeoutMs) =>
  call('POST', '/api/judgements', { body: judgement, timeoutMs });
export const deleteJudgement = (uuid) => call('DELETE', `/api/judgements/${encodeURIComponent(uuid)}`);

// ---- the admin's routes (admin token or admin session) ----
const studyPath = (name) => `/api/admin/studies/${encodeURIComponent(name)}`;
/** Every study with its settings, terms, enrolment code and counts. */
export const getStudies = () => call('GET', '/api/admin/studies');
/** Creates a study ({name, dataset?, …settings and terms}); answers the study (201). */
export const postStudy = (body) => call('POST', '/api/admin/studies', { body });
/** Changes the fields present in `body`; 409 once the study is frozen. */
export const postStudyEdit = (name, body) => call('POST', studyPath(name), { body });
export const postStudyClose = (name) => call('POST', `${studyPath(name)}/close`, { body: {} });
export const getParticipants = (name) => call('GET', `${studyPath(name)}/participants`);
/** Invites a named person into a study; answers {name, study, link} (a path /join/TOKEN). */
export const postInvite = (name, study) => call('POST', '/api/admin/annotators', { body: { name, study } });
/** A new invite link for `name`; the old one stops working. */
export const postReissue = (name) =>
  call('POST', `/api/admin/annotators/${encodeURIComponent(name)}/reissue`, { body: {} });
export const postDisable = (name) =>
  call('POST', `/api/admin/annotators/${encodeURIComponent(name)}/disable`, { body: {} });
