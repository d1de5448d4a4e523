// search.js — matching a typed query against category names, synonyms, descriptions
// (glosses) and the names of the nodes above them, and ranking the matches. Pure functions
// over a prebuilt index: a few string comparisons per category per keystroke.
//
// The rule: where a query matches decides first, name above synonym above description
// above a node further up the hierarchy ("dog" lists the breeds, after any dog by name).
// Within a field, how it matches decides: the whole field, then its start, then the start
// of a later word, then anywhere inside a word. Equal matches favour the shorter name.
// A query of several words that matches no field whole needs each word to match somewhere,
// and ranks below every whole-query match by its weakest word.

/** Lower case without accents, so "Cafe" finds "café". */
export function normalise(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

const WORD_BREAKS = /[\s\-/_(),.;:]+/;

/** The text's words joined by single spaces after a leading one: " tabby tabby cat". */
const spacedWords = (text) => ` ${text.split(WORD_BREAKS).filter(Boolean).join(' ')}`;

const NAME = 3;
const SYNONYM = 2;
const GLOSS = 1;
const ABOVE = 0;
const EXACT = 4;
const START = 3;
const WORD_START = 2;
const INSIDE = 1;

/**
 * Prepares each category once, in display order. `namesAbove(category)` gives the names of
 * the hierarchy's nodes over it (none without a hierarchy).
 */
export function buildIndex(categories, namesAbove = () => []) {
  return categories.map((category) => {
    const name = normalise(category.name);
    const synonyms = (category.synonyms ?? []).map(normalise);
    const description = normalise(category.description ?? '');
    const above = namesAbove(category).map(normalise);
    return {
      index: category.index,
      name,
      nameWords: spacedWords(name),
      synonyms,
      synonymWords: synonyms.map(spacedWords),
      descriptionWords: spacedWords(description),
      description,
      above,
      aboveWords: above.map(spacedWords),
      length: Math.min(name.length, 999),
    };
  });
}

/** How one field fits a term: EXACT, START, WORD_START, INSIDE or 0. */
function fit(field, words, term, spacedTerm) {
  if (!field) return 0;
  if (field === term) return EXACT;
  if (field.startsWith(term)) return START;
  if (words.includes(spacedTerm)) return WORD_START;
  return field.includes(term) ? INSIDE : 0;
}

/** The best fit among several fields of one kind (synonyms, nodes above). */
function bestFit(fields, wordsOf, term, spacedTerm) {
  let best = 0;
  for (let k = 0; k < fields.length && best < EXACT; k += 1) {
    best = Math.max(best, fit(fields[k], wordsOf[k], term, spacedTerm));
  }
  return best;
}

/** Tier and fit as one number (higher is better); 0 means no match. */
function termScore(entry, term, spacedTerm) {
  let how = fit(entry.name, entry.nameWords, term, spacedTerm);
  if (how) return NAME * 10 + how;
  how = bestFit(entry.synonyms, entry.synonymWords, term, spacedTerm);
  if (how) return SYNONYM * 10 + how;
  // A description is prose: its whole or its start says no more than a word inside it.
  how = fit(entry.description, entry.descriptionWords, term, spacedTerm);
  if (how) return GLOSS * 10 + Math.min(how, WORD_START);
  how = bestFit(entry.above, entry.aboveWords, term, spacedTerm);
  return how ? ABOVE * 10 + how : 0;
}

function score(entry, query, terms) {
  const whole = termScore(entry, query.text, query.spaced);
  if (whole > 0 || terms.length === 1) return whole;
  let weakest = Infinity;
  for (const term of terms) {
    const s = termScore(entry, term.text, term.spaced);
    if (s === 0) return 0;
    weakest = Math.min(weakest, s);
  }
  return weakest / 100;
}

const asTerm = (text) => ({ text, spaced: spacedWords(text) });

/** How well one index entry matches `query` by the rule above: higher is better, 0 is no match. */
export function matchScore(entry, query) {
  const q = normalise(query);
  return q ? score(entry, asTerm(q), q.split(' ').map(asTerm)) : 0;
}

/**
 * Which categories match `query`: `visible[k]` for index entry k, the best match's
 * category index (or -1), and how many matched. An empty query shows everything.
 */
export function rank(index, query) {
  const q = normalise(query);
  const visible = new Uint8Array(index.length);
  if (!q) {
    visible.fill(1);
    return { visible, best: -1, count: index.length };
  }
  const whole = asTerm(q);
  const terms = q.split(' ').map(asTerm);
  let best = -1;
  let bestScore = 0;
  let bestLength = Infinity;
  let count = 0;
  for (let k = 0; k < index.length; k += 1) {
    const entry = index[k];
    const s = score(entry, whole, terms);
    if (s > 0) {
      visible[k] = 1;
      count += 1;
      if (s > bestScore || (s === bestScore && entry.length < bestLength)) {
        bestScore = s;
        bestLength = entry.length;
        best = entry.index;
      }
    }
  }
  return { visible, best, count };
}
