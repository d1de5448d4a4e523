// study-facts.js — a study's introduction as the enrolment preview and the annotator page's
// instructions show it: the title, then the facts a participant weighs before starting
// (about how long, the pay, how many images), then the instructions text.
import { renderMarkdownLite } from './markdown-lite.js';

/** The facts of `study` ({estimated_minutes, pay, quota}) as short sentences; absent ones are left out. */
export function factsOf(study) {
  const facts = [];
  const minutes = study?.estimated_minutes;
  if (Number.isInteger(minutes) && minutes > 0) facts.push(`Takes about ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  if (typeof study?.pay === 'string' && study.pay.trim() !== '') facts.push(`Pay: ${study.pay.trim()}`);
  const quota = study?.quota;
  if (Number.isInteger(quota) && quota > 0) facts.push(`You will label ${quota} image${quota === 1 ? '' : 's'}.`);
  return facts;
}

/**
 * Fills an introduction: `title` (a heading), `facts` (a list) and `text` (the instructions)
 * from `study`. A list with no facts is hidden, and so is an empty instructions block.
 */
export function renderIntro({ title, facts, text }, study) {
  title.textContent = study?.title || 'A study';
  const lines = factsOf(study);
  facts.replaceChildren(...lines.map((line) => {
    const li = facts.ownerDocument.createElement('li');
    li.textContent = line;
    return li;
  }));
  facts.hidden = lines.length === 0;
  renderMarkdownLite(text, study?.instructions ?? '');
  text.hidden = !text.firstChild;
}
