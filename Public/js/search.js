// search.js — matching a typed query against category names, synonyms and descriptions,
// and ranking the matches. Pure functions over a prebuilt index: the per-keystroke cost
// is a few string comparisons per category, which keeps 1,000 categories far below a frame.

/** Lower case without accents, so "Cafe" finds "café". */
export function normalise(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

const WORD_START = /[\s\-/_(),.]+/;

/** Prepares each category once, in display order. */
export function buildIndex(categories) {
  return categories.map((category) => {
    const name = normalise(category.name);
    const synonyms = (category.synonyms ?? []).map(normalise);
    return {
      index: category.index,
      name,
      nameWords: name.split(WORD_START).filter(Boolean),
      synonyms,
      synonymWords: synonyms.flatMap((s) => s.split(WORD_START)).filter(Boolean),
      description: normalise(category.description ?? ''),
    };
  });
}

/** How well one query term fits a category; 0 means not at all. */
function termScore(entry, term) {
  if (entry.name === term) return 1000;
  if (entry.name.startsWith(term)) return 900 - Math.min(entry.name.length, 99);
  if (entry.synonyms.includes(term)) return 800;
  if (entry.synonyms.some((s) => s.startsWith(term))) return 700;
  if (entry.nameWords.some((w) => w.startsWith(term))) return 600;
  if (entry.synonymWords.some((w) => w.startsWith(term))) return 500;
  if (entry.name.includes(term)) return 400;
  if (entry.synonyms.some((s) => s.includes(term))) return 300;
  if (entry.description.includes(term)) return 100;
  return 0;
}

function score(entry, query, terms) {
  const whole = termScore(entry, query);
  if (whole > 0 || terms.length === 1) return whole;
  // Several words: each must match somewhere ("red wine glass"), weakest counts.
  let weakest = Infinity;
  for (const term of terms) {
    const s = termScore(entry, term);
    if (s === 0) return 0;
    weakest = Math.min(weakest, s);
  }
  return weakest / 10;
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
  const terms = q.split(' ');
  let best = -1;
  let bestScore = 0;
  let count = 0;
  for (let k = 0; k < index.length; k += 1) {
    const s = score(index[k], q, terms);
    if (s > 0) {
      visible[k] = 1;
      count += 1;
      if (s > bestScore) { bestScore = s; best = index[k].index; }
    }
  }
  return { visible, best, count };
}
