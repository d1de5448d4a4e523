// compare-tray.js — the compare tray: the pinned categories side by side with larger examples, each with Take, More examples and Unpin buttons.

const escapeHTML = (text) => String(text).replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

export class CompareTray extends EventTarget {
  /** `root`: the tray's section; `examplesOf(index)`: the example URLs known for a category. */
  constructor(root, categories, examplesOf) {
    super();
    this.root = root;
    this.categories = categories;
    this.examplesOf = examplesOf;
    this.columns = root.querySelector('.tray-columns');
    this.note = root.querySelector('.tray-note');
    this.shown = [];
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (!button) return;
      const index = Number(button.closest('[data-index]')?.dataset.index);
      const action = button.dataset.action;
      // detail 0: Enter or Space pressed the button, not a pointer.
      if (action === 'clear') this.dispatchEvent(new Event('clear'));
      else this.dispatchEvent(new CustomEvent(action, { detail: { index, keyboard: event.detail === 0 } }));
    });
    root.addEventListener('keydown', (event) => {
      // Escape hands the keyboard back to the search box, as it does in the cards.
      if (event.key === 'Escape') { event.preventDefault(); this.dispatchEvent(new Event('leave')); }
    });
  }

  #columnHTML(index) {
    const category = this.categories[index];
    const name = escapeHTML(category.name);
    const description = category.description ? `<span class="tray-desc">${escapeHTML(category.description)}</span>` : '';
    const images = this.examplesOf(index)
      .map((url) => `<img src="${escapeHTML(url)}" alt="" loading="lazy" decoding="async" width="28" height="28">`).join('');
    return `<figure class="tray-column" data-index="${index}"><figcaption><strong class="tray-name">${name}</strong>${description}</figcaption>`
      + '<span class="tray-actions">'
      + `<button type="button" data-action="take" aria-label="Take ${name} as a guess">Take</button>`
      + `<button type="button" data-action="more" aria-label="More examples of ${name}">More</button>`
      + `<button type="button" data-action="unpin" aria-label="Unpin ${name}">Unpin</button></span>`
      + `<span class="tray-thumbs" aria-hidden="true">${images}</span></figure>`;
  }

  /** Shows the pinned categories in pinning order. */
  show(indices) {
    const keep = document.activeElement?.closest?.('.tray-column');
    const focusedAction = keep ? document.activeElement.dataset.action : null;
    const focusedIndex = keep ? Number(keep.dataset.index) : null;
    this.shown = indices.slice();
    this.columns.innerHTML = indices.map((index) => this.#columnHTML(index)).join('');
    this.columns.dataset.count = String(indices.length);
    this.root.hidden = indices.length === 0;
    this.say(indices.length === 1 ? 'Pin another category to compare them side by side (Alt+C on a card).' : '');
    // The focused button went with the old columns: keep the keyboard in the tray.
    if (keep) {
      const same = this.columns.querySelector(`[data-index="${focusedIndex}"] [data-action="${focusedAction}"]`);
      (same ?? this.columns.querySelector('button') ?? null)?.focus();
      if (!same && !this.columns.querySelector('button')) this.dispatchEvent(new Event('leave'));
    }
  }

  /** Redraws one column's examples after more of them arrived. */
  refresh(index, { more }) {
    const column = this.columns.querySelector(`[data-index="${index}"]`);
    if (!column) return;
    column.querySelector('.tray-thumbs').innerHTML = this.examplesOf(index)
      .map((url) => `<img src="${escapeHTML(url)}" alt="" loading="lazy" decoding="async" width="28" height="28">`).join('');
    if (!more) {
      const button = column.querySelector('[data-action="more"]');
      button.disabled = true;
      button.textContent = 'All shown';
    }
  }

  say(text) { this.note.textContent = text; }

  /** Moves keyboard focus to the tray's first button. */
  focusInto() {
    this.columns.querySelector('button')?.focus();
  }
}
