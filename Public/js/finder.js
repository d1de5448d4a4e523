// finder.js — the search box. Filters the cards as the annotator types (each keystroke
// timed with the Performance API), points out the best match, and gives Enter its
// meaning here: take the best match while there is a query, submit when there is none.
// Alt+C pins the best match in the compare tray, Alt+M opens more of its examples, and
// each search's final text is reported when the box empties, for the browsing log. When the
// study allows coarse answers, tree nodes found by name are offered beside the matches and
// Alt+Enter takes the first; Enter never does, so a coarse answer is always chosen on purpose.
import { buildIndex, rank } from './search.js';
import { afterPaint, mark, record } from './metrics.js';

export class Finder extends EventTarget {
  /**
   * `catalog`: what shows the matches (the Picker): ordered, namesAbove, applyFilter, focusInto,
   * nameOf. `coarse`: the CoarseAnswers and `offers`: their CoarseOffers strip, both null
   * unless the study allows coarse answers.
   */
  constructor(input, catalog, summary, { coarse = null, offers = null } = {}) {
    super();
    this.input = input;
    this.catalog = catalog;
    this.summary = summary;
    this.coarse = coarse?.allowed ? coarse : null;
    this.offers = offers;
    this.coarseMatches = [];
    this.index = buildIndex(catalog.ordered, catalog.namesAbove);
    this.result = null;
    this.searching = '';
    input.addEventListener('input', (event) => {
      this.#filter(event.timeStamp, true);
      this.#follow(this.input.value);
    });
    input.addEventListener('keydown', (event) => this.#onKey(event));
  }

  /**
   * Empties the box. Bringing back all the cards waits for an idle moment: right after
   * Enter took a match the next key is usually Enter again (submit), and the next image
   * should not queue behind re-showing a thousand cards.
   */
  clear() {
    this.endSearch();
    if (this.input.value === '') return;
    this.input.value = '';
    this.summary.textContent = '';
    // A handful of offers cost nothing to take away now, and must not outlive their query.
    this.coarseMatches = [];
    this.offers?.show([]);
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

  /** Reports the search under way as ended (its text as it stands), once. */
  endSearch() {
    const query = this.searching;
    this.searching = '';
    if (query) this.dispatchEvent(new CustomEvent('searched', { detail: { query } }));
  }

  /**
   * A search ends when the box empties: its final text is the last one before that.
   * Text that neither extends nor shortens the previous one (a selection typed over)
   * starts a new search.
   */
  #follow(value) {
    const text = value.trim();
    if (!text) { this.endSearch(); return; }
    const previous = this.searching;
    if (previous && !text.startsWith(previous) && !previous.startsWith(text)) this.endSearch();
    if (!previous || text.length >= previous.length || !previous.startsWith(text)) this.searching = text;
  }

  #filter(keyTime, keystroke) {
    this.ticket = null;
    const start = mark('filter-start');
    this.result = rank(this.index, this.input.value);
    const query = this.input.value.trim();
    this.catalog.applyFilter(this.result, query);
    if (this.coarse) {
      this.coarseMatches = query ? this.coarse.matching(query) : [];
      this.offers?.show(this.coarseMatches);
    }
    if (!keystroke) return;
    record('filter', start, mark('filter-end'));
    this.#summarise();
    afterPaint().then((painted) => record('filterPaint', keyTime, painted));
  }

  #summarise() {
    const { best, count } = this.result;
    const all = this.index.length;
    const coarse = this.coarseMatches.length ? ` · Alt+Enter takes “${this.coarse.label(this.coarseMatches[0])}”` : '';
    if (!this.input.value.trim()) this.summary.textContent = '';
    else if (count === 0) this.summary.textContent = `No category matches${coarse}`;
    else {
      this.summary.textContent = `${count === all ? 'All' : count} match${count === 1 ? '' : 'es'}`
        + ` · Enter takes “${this.catalog.nameOf(best)}”${coarse}`;
    }
  }

  #onKey(event) {
    if (event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyC' || event.code === 'KeyM')) {
      event.preventDefault();
      const best = this.input.value.trim() ? this.result?.best ?? -1 : -1;
      if (best >= 0) this.dispatchEvent(new CustomEvent(event.code === 'KeyC' ? 'pin' : 'more', { detail: { index: best } }));
      return;
    }
    if (this.coarse && event.altKey && !event.ctrlKey && !event.metaKey && event.key === 'Enter') {
      event.preventDefault();
      const answer = this.input.value.trim() ? this.coarseMatches[0] : undefined;
      if (answer === undefined) return;
      this.clear();
      this.dispatchEvent(new CustomEvent('take', { detail: { index: answer } }));
      return;
    }
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
