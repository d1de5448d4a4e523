// feedback.js — what a practice answer earns: right, right but coarse, or wrong, with the
// true category's examples beside those of the answer chosen, so the annotator learns the
// classes before the test. Renders only; the session decides when it appears.

const EXAMPLES_SHOWN = 8;

function exampleColumn(title, category, tone) {
  const column = document.createElement('figure');
  column.className = `compare compare-${tone}`;
  const caption = document.createElement('figcaption');
  const label = document.createElement('span');
  label.className = 'compare-label';
  label.textContent = title;
  const name = document.createElement('strong');
  name.textContent = category ? category.name : '—';
  caption.append(label, name);
  const thumbs = document.createElement('div');
  thumbs.className = 'thumbs';
  for (const url of category?.examples.slice(0, EXAMPLES_SHOWN) ?? []) {
    const img = document.createElement('img');
    img.src = url;
    img.alt = '';
    img.width = 28;
    img.height = 28;
    img.decoding = 'async';
    thumbs.append(img);
  }
  column.append(caption, thumbs);
  return column;
}

/** Practice feedback while the server checks the answer. */
export function renderChecking(panel, { queued }) {
  panel.className = 'feedback checking';
  panel.replaceChildren();
  const text = document.createElement('p');
  text.className = 'verdict';
  text.textContent = queued
    ? 'Your answer is saved here and will be checked as soon as the server can be reached.'
    : 'Checking your answer…';
  panel.append(text);
}

/**
 * The verdict line says only what the columns below it do not: right or not, and in a
 * top-k study which guess earned it. The columns name the categories. A coarse answer
 * whose node holds the truth is said to be right in kind, and still not counted right:
 * the report scores it apart from exact answers, and practice should teach the same.
 * @param right - the answer scored by the study's rule (see scoring.js)
 * @param receipt - the server's receipt (true_category)
 * @param guesses - the annotator's ordered guesses ([] when they abstained)
 * @param maxGuesses - how many guesses the study scores
 * @param coarse - when not right: {rank, node} of the first coarse guess above the truth, else null
 * @param cardOf - an answer as a column shows it: a category, or {name, examples} for a node
 */
export function renderVerdict(panel, { right, receipt, guesses, maxGuesses, coarse = null, cardOf, accuracy }) {
  const truth = cardOf(receipt.true_category);
  const chosen = guesses.length ? cardOf(guesses[0]) : null;
  const rankOfTruth = guesses.indexOf(receipt.true_category);
  const tone = right ? 'right' : (coarse ? 'coarse' : 'wrong');
  panel.className = `feedback ${tone}`;
  panel.replaceChildren();

  const verdict = document.createElement('p');
  verdict.className = 'verdict';
  const headline = document.createElement('strong');
  if (right) headline.textContent = 'Right.';
  else if (coarse) headline.textContent = 'Right, but coarse.';
  else if (!chosen) headline.textContent = 'Skipped.';
  else headline.textContent = 'Not quite.';
  verdict.append(headline);
  if (right && rankOfTruth > 0) {
    verdict.append(` Your guess #${rankOfTruth + 1}; any of your ${maxGuesses} guesses counts.`);
  } else if (coarse) {
    const which = coarse.rank > 0 ? `Your guess #${coarse.rank + 1}: it` : 'It';
    verdict.append(` ${which} is a kind of ${coarse.node}; only the exact category counts as right.`);
  } else if (!right && guesses.length > 1) {
    verdict.append(` None of your ${guesses.length} guesses.`);
  }

  const comparison = document.createElement('div');
  comparison.className = 'comparison';
  if (right) comparison.append(exampleColumn('It is', truth, 'truth'));
  else comparison.append(exampleColumn(chosen ? 'You chose' : 'You skipped', chosen, 'chosen'),
    exampleColumn('It is', truth, 'truth'));

  const score = document.createElement('p');
  score.className = 'practice-score';
  score.textContent = `Practice so far: ${accuracy.correct} of ${accuracy.done} right`
    + (accuracy.done ? ` (${Math.round((100 * accuracy.correct) / accuracy.done)} %)` : '');
  panel.append(verdict, comparison, score);
}

/** Practice feedback for an answer given first elsewhere (the same link in another browser). */
export function renderAnsweredElsewhere(panel) {
  panel.className = 'feedback';
  panel.replaceChildren();
  const text = document.createElement('p');
  text.className = 'verdict';
  text.textContent = 'This image was already answered with your link in another window; that answer counts.';
  panel.append(text);
}

/** Practice feedback for an answer the server refused (rare: e.g. the lease was lost). */
export function renderRefused(panel, message) {
  panel.className = 'feedback wrong';
  panel.replaceChildren();
  const text = document.createElement('p');
  text.className = 'verdict';
  text.textContent = `The server did not accept this answer: ${message}`;
  panel.append(text);
}
