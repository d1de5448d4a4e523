// precision.js — the admin page's model of a study's precision: the 95 % interval its judgements give so far, and the complete items a target margin needs by `refhuman plan`'s n = ⌈z² p(1 − p) / d²⌉. No DOM here.

/**
 * Φ⁻¹(0.975), the z of a two-sided 95 % interval, to double precision as `refhuman plan`
 * computes it. The box is fixed at 95 % because the report beside it prints 95 % intervals.
 */
export const Z95 = 1.959963984540054;

/** The margin the box starts with: ±1 percentage point. */
export const DEFAULT_MARGIN_TEXT = '1%';

/** `refhuman plan` refuses a count past this (no study labels a trillion items); so does the box. */
export const ITEM_LIMIT = 1e12;

// A plain decimal number, as Swift's Double() reads one (hex, "inf" and "nan" aside).
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The typed margin read as `refhuman plan --margin` reads it, so the same text means the same
 * on the page and on the command line: a fraction ("0.01") or a percentage ("1%", "1 %").
 * Answers {margin} or {problem}, a one-line refusal. A bare number of at least 0.5 can be
 * no margin as a fraction (an interval of ±50 % crosses 0 or 100 % at every error rate),
 * so the refusal names the percentage the typist most likely meant.
 */
export function readMargin(text) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '') return { problem: 'Type a margin, such as 1% or 0.01.' };
  const percent = trimmed.endsWith('%');
  const number = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (!NUMBER.test(number) || !Number.isFinite(Number(number))) {
    return { problem: `"${trimmed}" is not a margin: type one such as 1% or 0.01.` };
  }
  const margin = percent ? Number(number) / 100 : Number(number);
  if (!(margin > 0)) return { problem: `The margin must be above 0, got "${trimmed}".` };
  if (!percent && margin >= 0.5) {
    return { problem: `"${trimmed}" without % is a fraction (${trimmed} = ${percentText(margin)}); for ${trimmed} percentage point${margin === 1 ? '' : 's'} type ${trimmed}%.` };
  }
  if (margin >= 0.5) return { problem: `The margin must be below 50 %, got "${trimmed}".` };
  return { margin };
}

/** The normal approximation's half-width z·√(p(1 − p)/n). */
export const normalHalfWidth = (p, n, z = Z95) => z * Math.sqrt((p * (1 - p)) / n);

/**
 * One error rate of the report with its 95 % interval: {error, count, halfWidth, wilson,
 * unavailable}. halfWidth is the normal approximation's on `count` trials; where it means
 * nothing it is null and `unavailable` says why: no trials, or no error (or only errors),
 * where z·√(p(1 − p)/n) is 0 and would claim certainty. The report's Wilson interval
 * (`wilson`, [low, high]) stays meaningful there, so the view shows it instead.
 */
export function rateFigures(error, count, wilson, units) {
  if (!count || error === null || error === undefined) {
    return { error: null, count: count ?? 0, halfWidth: null, wilson: null, unavailable: `no ${units} yet` };
  }
  const interval = Array.isArray(wilson) && wilson.length === 2 ? wilson : null;
  if (error <= 0 || error >= 1) {
    const which = error <= 0 ? `no error in the ${count} ${units}` : `every one of the ${count} ${units} wrong`;
    return { error, count, halfWidth: null, wilson: interval, unavailable: `${which}: the normal approximation's z·√(p(1 − p)/n) is 0 there` };
  }
  return { error, count, halfWidth: normalHalfWidth(error, count), wilson: interval, unavailable: null };
}

/**
 * What a study's report (GET /api/admin/report?format=json) gives so far: the human-majority
 * error on its complete items (the unit a plan counts) and the pooled per-judgement error,
 * each as rateFigures, with the report's coverage.
 */
export function precisionSoFar(report) {
  const overall = report?.overall ?? {};
  const coverage = report?.coverage ?? {};
  return {
    majority: rateFigures(overall.human_majority_error, overall.human_majority_items, overall.human_majority_error_ci, 'complete items'),
    pooled: rateFigures(overall.human_error, overall.judgements, overall.human_error_ci, 'judgements'),
    coverage: {
      plannedItems: coverage.planned_items ?? null,
      perItem: coverage.judgements_per_item ?? null,
      completeItems: coverage.complete_items ?? 0,
      itemsByJudgements: coverage.items_by_judgements ?? [],
    },
  };
}

/** `refhuman plan`'s rounding up to whole items; the tolerance keeps 1825.0000000001 from becoming 1826. */
export const wholeItems = (count) => Math.ceil(count - 1e-9);

/**
 * The fewest judgements that make `more` items complete, filling the most-judged incomplete
 * items first (items_by_judgements rows below k). Items the coverage does not list (no
 * planned count) are taken as unjudged.
 */
export function judgementsToComplete(more, perItem, itemsByJudgements) {
  let remaining = more;
  let judgements = 0;
  const incomplete = itemsByJudgements.filter((row) => row.judgements < perItem)
    .sort((a, b) => b.judgements - a.judgements);
  for (const row of incomplete) {
    if (remaining <= 0) break;
    const taken = Math.min(row.items, remaining);
    judgements += taken * (perItem - row.judgements);
    remaining -= taken;
  }
  return judgements + remaining * perItem;
}

/**
 * The plan for half-width `margin` at the error seen so far, `refhuman plan --error p
 * --margin d` on the study's numbers: {itemsExact, items, judgements, moreItems,
 * moreJudgements, reachable, bestMargin}, or {unavailable} saying why there is no plan.
 * When the planned test items are fewer than `items`, `reachable` is false, `bestMargin` is
 * the half-width with every planned item complete, and the "more" counts go to that end
 * (the same refusals as the command's: p must lie strictly between 0 and 1, d below
 * min(p, 1 − p), the count within ITEM_LIMIT).
 */
export function planFor(error, margin, { completeItems, perItem, plannedItems, itemsByJudgements }, z = Z95) {
  if (error === null || error === undefined) {
    return { unavailable: 'no complete items yet, so no error rate to plan from (refhuman plan --error P plans from an expected one)' };
  }
  if (error <= 0 || error >= 1) {
    return { unavailable: `the formula needs an error between 0 and 1, and the complete items so far give ${percentText(error)}; p(1 − p) is 0 there (refhuman plan --error P plans from an expected rate)` };
  }
  const limit = Math.min(error, 1 - error);
  if (margin >= limit) {
    const room = error <= 0.5 ? `the ${percentText(error)} error seen` : `100 % minus the ${percentText(error)} error seen`;
    return { unavailable: `±${percentText(margin, 4)} is not below ${room}, so the interval would cross ${error <= 0.5 ? '0 %' : '100 %'}; type a margin below ${percentText(limit, 4)}` };
  }
  const itemsExact = (z * z * error * (1 - error)) / (margin * margin);
  if (!Number.isFinite(itemsExact) || itemsExact > ITEM_LIMIT) {
    return { unavailable: `±${percentText(margin, 4)} needs more items than any study can collect; widen the margin` };
  }
  const items = wholeItems(itemsExact);
  const k = perItem ?? 1;
  const reachable = plannedItems === null || plannedItems === undefined || items <= plannedItems;
  // Past the dataset's size the most a study can still do is complete every planned item.
  const moreItems = Math.max(0, (reachable ? items : plannedItems) - completeItems);
  return {
    itemsExact,
    items,
    perItem: k,
    judgements: items * k,
    completeItems,
    moreItems,
    moreJudgements: judgementsToComplete(moreItems, k, itemsByJudgements ?? []),
    plannedItems: plannedItems ?? null,
    reachable,
    bestMargin: reachable ? null : normalHalfWidth(error, plannedItems, z),
  };
}

/**
 * A rate as a percentage with up to `places` decimals, trailing zeros dropped, as `refhuman
 * plan` prints one: 0.05 as "5 %", 0.0125 as "1.25 %".
 */
export function percentText(rate, places = 2) {
  let text = (rate * 100).toFixed(places);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return `${text === '-0' ? '0' : text} %`;
}
