// precision-view.js — the admin page's view of the Precision box beside the report: the chosen study's errors with their 95 % intervals, the target margin typed, and the plan for it in words; no server calls.
import { DEFAULT_MARGIN_TEXT, percentText } from './precision.js';

/**
 * A sentence from parts: plain strings, and [figure, text] pairs that become
 * <span data-figure="figure">text</span>, so a figure can be found without parsing the words.
 */
function sentence(doc, parts) {
  const line = doc.createElement('p');
  for (const part of parts) {
    if (typeof part === 'string') {
      line.append(part);
      continue;
    }
    const [figure, text] = part;
    const span = doc.createElement('span');
    span.dataset.figure = figure;
    span.textContent = text;
    line.append(span);
  }
  return line;
}

/** "12 %" to "13.32 %" or null, for the report's Wilson interval [low, high]. */
const wilsonWords = (wilson) => (wilson ? `${percentText(wilson[0])} to ${percentText(wilson[1])}` : null);

export class PrecisionView {
  constructor(doc) {
    this.doc = doc;
    const $ = (id) => doc.getElementById(id);
    this.box = $('precision');
    this.about = $('precision-study');
    this.majority = $('precision-majority');
    this.pooled = $('precision-pooled');
    this.form = $('precision-form');
    this.input = $('precision-margin');
    this.problem = $('precision-margin-problem');
    this.plan = $('precision-plan');
    this.input.value = DEFAULT_MARGIN_TEXT;
  }

  /** Calls `handler(text)` with the typed margin when the form is sent (Enter in the box, or the button). */
  onMargin(handler) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      handler(this.input.value);
    });
  }

  /**
   * A refusal of the typed margin, next to the box; '' clears it. The focus stays in the box
   * so the typist can correct it, and the alert role reads the line out at once.
   */
  marginProblem(text) {
    this.problem.textContent = text;
    this.problem.hidden = !text;
    if (text) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
  }

  /** A line in place of the figures (no study, loading, or a failed request); the old figures go. */
  note(text) {
    this.about.textContent = text;
    this.majority.replaceChildren();
    this.pooled.replaceChildren();
    this.plan.replaceChildren();
  }

  /** The figures of `study` (precisionSoFar's) and the plan for `margin` (planFor's). */
  show(study, soFar, margin, plan) {
    const { coverage } = soFar;
    const planned = coverage.plannedItems === null ? '' : ` of ${coverage.plannedItems} test items`;
    this.about.textContent = `${study}: ${coverage.completeItems}${planned} complete (${coverage.perItem} judgements each); 95 % intervals.`;
    this.majority.replaceChildren(this.#rate(soFar.majority, 'complete items'));
    this.pooled.replaceChildren(this.#rate(soFar.pooled, 'judgements'), ...(soFar.pooled.error === null ? []
      : [sentence(this.doc, ['Counts judgements as independent; several people judge each item, so the true interval is likely wider.'])]));
    this.plan.replaceChildren(...this.#plan(margin, plan, soFar.majority.error));
  }

  #rate(figures, units) {
    const doc = this.doc;
    if (figures.error === null) return sentence(doc, [`n/a: ${figures.unavailable}.`]);
    const shown = [['error', percentText(figures.error)]];
    const wilson = wilsonWords(figures.wilson);
    if (figures.halfWidth !== null) {
      // Few items put p ± h past 0 % or 100 %, where the approximation is plainly off and
      // the report's Wilson interval is the one to read.
      const crosses = figures.halfWidth > Math.min(figures.error, 1 - figures.error);
      return sentence(doc, [...shown, ' ± ', ['half-width', percentText(figures.halfWidth)],
        ` on `, ['count', String(figures.count)], ` ${units} (normal approximation z·√(p(1 − p)/n))`,
        ...(crosses && wilson ? [`; it crosses ${figures.error < 0.5 ? '0 %' : '100 %'}, so read the Wilson interval, `, ['wilson', wilson], '.']
          : ['.'])]);
    }
    const width = figures.wilson ? percentText(figures.wilson[1] - figures.wilson[0]) : null;
    return sentence(doc, [...shown, ' on ', ['count', String(figures.count)], ` ${units}; ± n/a: ${figures.unavailable}. `,
      ...(wilson ? ['Wilson interval instead: ', ['wilson', wilson], ` (width ${width}).`] : ['The report gives no Wilson interval.'])]);
  }

  #plan(margin, plan, error) {
    const doc = this.doc;
    const target = `±${percentText(margin, 4)}`;
    if (plan.unavailable) return [sentence(doc, [`Target ${target}: n/a: ${plan.unavailable}.`])];
    const lines = [sentence(doc, [`Target ${target} at the ${percentText(error)} error seen so far: `,
      ['items', String(plan.items)], ' complete items (n = z² p(1 − p) / d² = ', ['items-exact', plan.itemsExact.toFixed(2)],
      ', rounded up); ', ['judgements', String(plan.judgements)], ` judgements in all (${plan.items} items × ${plan.perItem} per item).`])];
    const more = plan.moreItems > 0
      ? [['more-items', String(plan.moreItems)], ` more than the ${plan.completeItems} complete now, which takes at least `,
        ['more-judgements', String(plan.moreJudgements)], ' more judgements (the most-judged items completed first).']
      : [];
    if (!plan.reachable) {
      lines.push(sentence(doc, ['The dataset has only ', ['planned', String(plan.plannedItems)],
        ' test items: the best margin at this error is ', ['best-margin', `±${percentText(plan.bestMargin)}`],
        more.length ? ', with all of them complete: ' : ', and all of them are complete.', ...more]));
    } else if (more.length) {
      lines.push(sentence(doc, more));
    } else {
      lines.push(sentence(doc, [`The ${plan.completeItems} complete items already reach ${target}.`]));
    }
    return lines;
  }
}
