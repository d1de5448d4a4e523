// participation.js — the participant's path through a study as /api/me reports it
// (consenting, practice, test, and the four endings), what each ending offers (a code, a
// link back to the platform, a form for MTurk), and the consent answer and the return sent
// to the server.
// No DOM here.
import { ApiError, NetworkError, getMe, postConsent, postReturn } from './api.js';

const ENDED = new Set(['done', 'declined', 'screened_out', 'returned']);

/** True once the path is over: done, declined, screened out or returned. */
export const hasEnded = (participation) => !!participation && ENDED.has(participation.status);

/** True while the person still has to read the instructions and answer the consent question. */
export const isConsenting = (participation) => participation?.status === 'consenting';

/** Test items this person is to label, or null when the study sets no quota. */
export const quotaOf = (me) => (Number.isInteger(me?.participation?.quota) ? me.participation.quota : null);

/** The few words each ending is announced with. */
export const OUTCOMES = {
  completed: { title: 'Thank you, you have finished.', text: 'Every answer you gave is saved.' },
  no_consent: { title: 'You did not agree, so the study ends here.', text: 'Thank you for your time.' },
  screened_out: {
    title: 'Your practice answers did not reach the accuracy this study needs, so it ends here.',
    text: 'Thank you for your time.',
  },
  returned: {
    title: 'You have returned this study.',
    text: 'The answers you gave are kept. If you came from Prolific or MTurk, return the study there too, '
      + 'so that your place goes to someone else.',
  },
};

/** True while a study's participant is labelling, when they may stop and return the study. */
export const mayReturn = (participation) => participation?.status === 'practice' || participation?.status === 'test';

/** The outcome of an ended participation (its finish's, or what its status implies). */
export function outcomeOf(participation) {
  const outcome = participation?.finish?.outcome;
  if (OUTCOMES[outcome]) return outcome;
  return { declined: 'no_consent', screened_out: 'screened_out', returned: 'returned' }[participation?.status] ?? 'completed';
}

/** `url` if it is an absolute http(s) URL (nothing else may become a link or a form's target). */
export function webUrl(url) {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * What the finish screen offers: {outcome, code, redirect, label, form}. `redirect` is a
 * URL for "Return to Prolific"/"Continue", `form` {action, fields} for "Submit to MTurk".
 */
export function finishOf(participation) {
  const finish = participation?.finish ?? {};
  const action = webUrl(finish.form?.action);
  const fields = finish.form?.fields && typeof finish.form.fields === 'object' ? finish.form.fields : {};
  return {
    outcome: outcomeOf(participation),
    code: typeof finish.code === 'string' && finish.code !== '' ? finish.code : null,
    redirect: webUrl(finish.redirect_url),
    label: participation?.platform === 'prolific' ? 'Return to Prolific' : 'Continue',
    form: action ? { action, fields: Object.entries(fields).map(([name, value]) => [name, String(value ?? '')]) } : null,
  };
}

/**
 * Whether an ended path needs the finish screen rather than the plain "All done" page that
 * invite-link accounts have always had: anything but a completion, or a completion that
 * hands over a code, a link or a form, or one that came from a platform.
 */
export function needsFinishScreen(participation) {
  if (!hasEnded(participation)) return false;
  const finish = finishOf(participation);
  return finish.outcome !== 'completed' || !!(finish.code || finish.redirect || finish.form || participation.platform);
}

/**
 * Sends the consent answer for the text of `version`. Resolves, never rejects, to
 * {outcome: 'answered', participation}, {outcome: 'changed', me} (the text changed meanwhile:
 * here is the new one) or {outcome: 'problem', message}.
 */
export async function answerConsent(agree, version) {
  try {
    return { outcome: 'answered', participation: await postConsent(agree, version) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      try {
        const me = await getMe();
        if (isConsenting(me.participation)) return { outcome: 'changed', me };
        return { outcome: 'answered', participation: me.participation };
      } catch (again) {
        return { outcome: 'problem', message: problemText(again) };
      }
    }
    return { outcome: 'problem', message: problemText(error) };
  }
}

/**
 * Returns the study: the participant stops here. Resolves to {outcome: 'returned', me} (the
 * fresh /api/me) or {outcome: 'problem', message}; never rejects.
 */
export async function returnStudy() {
  try {
    await postReturn();
    return { outcome: 'returned', me: await getMe() };
  } catch (error) {
    return { outcome: 'problem', message: problemText(error) };
  }
}

function problemText(error) {
  if (error instanceof NetworkError) return `RefHuman could not be reached (${error.message}). Try again.`;
  if (error instanceof ApiError) return `The server refused: ${error.message}.`;
  return `Something went wrong: ${error.message}.`;
}
