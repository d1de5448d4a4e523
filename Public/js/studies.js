// studies.js — the admin page's model of studies: their fields, state and links, the form's words turned into a request body, participants in plain words and their median hourly pay. No DOM here.

/** What Prolific needs appended to an enrolment link (its own placeholders, kept literally). */
export const PROLIFIC_QUERY = '?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}';

/**
 * The fields of a study's form, in order: `key` is the API's name, `part` where GET
 * /api/admin/studies keeps it (settings, terms or the study itself), `kind` how it is read.
 */
export const FIELDS = [
  { key: 'title', part: 'study', kind: 'text', label: 'Title participants see' },
  { key: 'judgements_per_item', part: 'settings', kind: 'int', label: 'Judgements per item' },
  { key: 'max_guesses', part: 'settings', kind: 'int', label: 'Guesses per item' },
  { key: 'exposure_ms', part: 'settings', kind: 'int', label: 'Exposure (ms; empty: until the answer)' },
  { key: 'practice_count', part: 'settings', kind: 'int', label: 'Practice items (empty: all)' },
  { key: 'instructions', part: 'terms', kind: 'textarea', label: 'Instructions (Markdown subset)' },
  { key: 'consent_text', part: 'terms', kind: 'textarea', label: 'Consent text' },
  { key: 'consent_version', part: 'terms', kind: 'text', label: 'Consent version' },
  { key: 'estimated_minutes', part: 'terms', kind: 'int', label: 'Estimated minutes' },
  { key: 'pay', part: 'terms', kind: 'text', label: 'Pay (e.g. £1.20)' },
  { key: 'quota', part: 'terms', kind: 'int', label: 'Quota (test items per person)' },
  { key: 'practice_pass', part: 'terms', kind: 'share', label: 'Practice pass mark (0–1 or %)' },
  { key: 'completion_code', part: 'terms', kind: 'text', label: 'Completion code' },
  { key: 'screened_out_code', part: 'terms', kind: 'text', label: 'Screened-out code' },
  { key: 'no_consent_code', part: 'terms', kind: 'text', label: 'No-consent code' },
  { key: 'participant_cap', part: 'terms', kind: 'int', label: 'Participant cap' },
  { key: 'catch_rate', part: 'terms', kind: 'share', label: 'Catch trials (share of test trials, 0–1 or %)' },
  { key: 'assignment_order', part: 'terms', kind: 'choice', options: ['fill', 'spread'],
    label: 'Assignment order (fill: complete items first; spread: least judged first)' },
  { key: 'exclude_catch_below', part: 'terms', kind: 'share', label: 'Exclude if catch accuracy is below (0–1 or %)' },
  { key: 'exclude_practice_below', part: 'terms', kind: 'share', label: 'Exclude if practice accuracy is below (0–1 or %)' },
  { key: 'exclude_median_ms_below', part: 'terms', kind: 'int', label: 'Exclude if the median answer takes less than (ms)' },
  { key: 'allow_coarse', part: 'terms', kind: 'choice', options: ['false', 'true'], boolean: true,
    label: 'Coarse answers (true: a guess may name a node of the category tree, such as "dog, breed unknown")' },
  { key: 'catch_source', part: 'terms', kind: 'choice', options: ['auto', 'catch', 'shown'],
    label: 'Catch trials from (catch: the catch split; shown: example and spare practice images; auto: catch if there is one)' },
];

/** A field's current value in a study as GET /api/admin/studies gives it (absent: null). */
export function valueOf(study, field) {
  const holder = field.part === 'study' ? study : study?.[field.part];
  return holder?.[field.key] ?? null;
}

/** A stored value as the form shows it: numbers as typed, null as an empty box. */
export function shownValue(value) {
  return value === null || value === undefined ? '' : String(value);
}

/** 'closed', 'running' (frozen by its first test judgement) or 'open'. */
export function stateOf(study) {
  if (study?.closed_at) return 'closed';
  if (study?.frozen_at) return 'running';
  return 'open';
}

export const STATE_WORDS = { open: 'open to edits', running: 'running (frozen)', closed: 'closed' };

/** The study's public enrolment link on this server, as Prolific or MTurk is given it. */
export const enrolmentLink = (origin, code) => `${origin}/s/${encodeURIComponent(code)}`;
export const prolificLink = (origin, code) => enrolmentLink(origin, code) + PROLIFIC_QUERY;
/** An invite's full link from the path the server answers (/join/TOKEN). */
export const fullLink = (origin, path) => origin + path;

/** Why a frozen study's form cannot be saved, in one line. */
export const frozenLine = (study) =>
  `${study.name} is running: its first test judgement (${study.frozen_at}) froze its protocol and terms, `
  + 'because judgements collected under two protocols cannot be pooled. Create a new study for a new protocol.';

/** Reads one field's typed text: {value} or {problem}. Empty means null (text: ''). */
function readField(field, raw) {
  const text = raw ?? '';
  if (field.kind === 'text' || field.kind === 'textarea') return { value: field.kind === 'text' ? text.trim() : text };
  if (field.kind === 'choice') {
    if (!field.options.includes(text)) return { problem: `${field.label}: choose one.` };
    // A yes/no choice travels as a JSON boolean, so an unchanged one compares equal to the stored value.
    return { value: field.boolean ? text === 'true' : text };
  }
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (field.kind === 'int') {
    return /^\d+$/.test(trimmed) ? { value: Number(trimmed) } : { problem: `${field.label}: enter a whole number.` };
  }
  const share = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(trimmed);
  if (!share) return { problem: `${field.label}: enter a share such as 0.6 or 60 %.` };
  return { value: share[2] ? Number(share[1]) / 100 : Number(share[1]) };
}

/**
 * The request body for the typed `values` ({key: text}). With `study` (an edit) only the
 * changed fields are sent, an emptied one as null. Answers {body, problem} (problem '' when none).
 */
export function bodyOf(values, study = null) {
  const body = {};
  for (const field of FIELDS) {
    const read = readField(field, values[field.key]);
    if (read.problem) return { body, problem: read.problem };
    if (!study) {
      if (read.value !== null && read.value !== '') body[field.key] = read.value;
      continue;
    }
    const before = valueOf(study, field);
    const same = read.value === before || (read.value === '' && before === null);
    if (same) continue;
    // An emptied box is sent as null, which empties the setting (the server refuses it where a value is needed).
    body[field.key] = read.value;
  }
  return { body, problem: '' };
}

export const PLATFORM_WORDS = { prolific: 'Prolific', mturk: 'MTurk' };

export const STATUS_WORDS = {
  consenting: 'has not answered the consent yet',
  practice: 'practising',
  test: 'labelling',
  done: 'finished',
  declined: 'declined consent',
  screened_out: 'screened out by the practice',
  returned: 'returned the study',
};

/**
 * "4 participants: 2 finished, 1 returned the study, 1 labelling; 9 MTurk previews" — each
 * status counted in the order of STATUS_WORDS, the previews only when there were any.
 */
export function participantSummary(participants, previews = 0) {
  const counts = Object.keys(STATUS_WORDS)
    .map((status) => [STATUS_WORDS[status], participants.filter((p) => p.status === status).length])
    .filter(([, count]) => count > 0)
    .map(([words, count]) => `${count} ${words}`);
  const people = `${participants.length} participant${participants.length === 1 ? '' : 's'}`;
  const line = counts.length ? `${people}: ${counts.join(', ')}` : people;
  return previews > 0 ? `${line}; ${previews} MTurk preview${previews === 1 ? '' : 's'} (nothing kept about them)` : line;
}

/** "7 of 10 (70 %)", or "–" before any practice answer. */
export function practiceAccuracy(participant) {
  const done = participant?.practice_done ?? 0;
  if (!done) return '–';
  const correct = participant.practice_correct ?? 0;
  return `${correct} of ${done} (${Math.round((100 * correct) / done)} %)`;
}

/** "3 of 4 (75 %)" for the catch trials, or "–" before any. */
export function catchAccuracy(participant) {
  const done = participant?.catch_done ?? 0;
  if (!done) return '–';
  const correct = participant.catch_correct ?? 0;
  return `${correct} of ${done} (${Math.round((100 * correct) / done)} %)`;
}

/** Minutes with one decimal, or "–" when the server has no time for this person. */
export const minutesText = (minutes) => (typeof minutes === 'number' && Number.isFinite(minutes) ? minutes.toFixed(1) : '–');

/** A pay such as "£1.20", "1.20 €", "$2" or "3" (one currency symbol at most): {amount, before, after}, or null for anything else. */
export function parsePay(pay) {
  if (typeof pay !== 'string') return null;
  const match = /^\s*(\p{Sc})?\s*(\d+(?:\.\d+)?)\s*(\p{Sc})?\s*$/u.exec(pay);
  if (!match || (match[1] && match[3])) return null;
  return { amount: Number(match[2]), before: match[1] ?? '', after: match[3] ?? '' };
}

export function median(values) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The median effective hourly pay of the finished participants (pay ÷ hours spent), as
 * words: "£7.20 an hour (median of 3 finished participants)", or "n/a" and why.
 */
export function medianHourlyPay(pay, participants) {
  const parsed = parsePay(pay);
  if (!parsed) return 'n/a (the pay is not a plain amount)';
  const rates = (participants ?? [])
    .filter((p) => p.status === 'done' && typeof p.minutes_spent === 'number' && p.minutes_spent > 0)
    .map((p) => parsed.amount / (p.minutes_spent / 60));
  if (!rates.length) return 'n/a (no one has finished yet)';
  const amount = median(rates).toFixed(2);
  const money = parsed.after ? `${amount} ${parsed.after}` : `${parsed.before}${amount}`;
  return `${money} an hour (median of ${rates.length} finished participant${rates.length === 1 ? '' : 's'})`;
}

/** The datasets named in GET /api/admin/progress, sorted, once each. */
export const datasetsOf = (progress) => [...new Set((progress?.studies ?? []).map((s) => s.dataset))].sort();
