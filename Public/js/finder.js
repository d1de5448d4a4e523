// finder.js — the search box. Filters the cards as the annotator types (each keystroke
// timed with the Performance API), points out the best match, and gives Enter its
// meaning here: take the best match while there is a query, submit when there is none.
import { buildIndex, rank } from './search.js';
import { afterPaint, mark, record } from './metrics.js';

export class Finder extends EventTarget {
  constructor(input, catalog, summary) {
    super();
    this.input = input;
    this.catalog = catalog;
    this.summary = summary;
    this.index = buildIndex(catalog.ordered);
    this.result = null;
    input.addEventListener('input', (event) => this.#filter(event.timeStamp, true));
    input.addEventListener('keydown', (event) => this.#onKey(event));
  }

  /**
   * Empties the box. Bringing back all the cards waits for an idle moment: right after
   * Enter took a match the next key is usually Enter again (submit), and the next image
   * should not queue behind re-showing a thousand cards.
   */
  clear() {
    if (this.input.value === '') return;
    this.input.value = '';
    this.summary.textContent = '';
    const idle = window.requestIdleCallback ?? ((run) => setTimeout(run, 50));
    const ticket = (this.ticket = {});
    idle(() => { if (this.ticket === ticket) this.#filter(performance.now(), false); }, { timeout: 300 });
  }

  /** Applies a clear that is still waiting, for code that needs the list as shown. */
  settle() {
    if (this.ticket && this.input.value === '' && this.result?.count !== this.index.length) {
      this.#filter(performance.now(), false);
    }
  }

  focus() { this.input.focus({ preventScroll: true }); }

  #filter(keyTime, keystroke) {
    this.ticket = null;
    const start = mark('filter-start');
    this.result = rank(this.index, this.input.value);
    this.catalog.applyFilter(this.result, this.input.value.trim());
    if (!keystroke) return;
    record('filter', start, mark('filter-end'));
    this.#summarise();
    afterPaint().then((painted) => record('filterPaint', keyTime, painted));
  }

  #summarise() {
    const { best, count } = this.result;
    const all = this.index.length;
    if (!this.input.value.trim()) this.summary.textContent = '';
    else if (count === 0) this.summary.textContent = 'No category matches';
    else {
      this.summary.textContent = `${count === all ? 'All' : count} match${count === 1 ? '' : 'es'}`
        + ` · Enter takes “${this.catalog.nameOf(best)}”`;
    }
  }

  #onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      if (!this.input.value.trim()) {
        this.dispatchEvent(new Event('submit'));
      } else if (this.result && this.result.best >= 0) {
        const index = this.result.best;
        this.clear();
        this.dispatchEvent(new CustomEvent('take', { detail: { index } }));
      }
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.settle();
      this.catalog.focusInto();
    } else if (event.key === 'Escape' && this.input.value) {
      event.preventDefault();
      this.clear();
    } else if (event.key === 'Backspace' && this.input.value === '') {
      this.dispatchEvent(new Event('pop'));
    }
  }
}
