// coarse-offers.js — while a search stands, the tree nodes it found by name offered as coarse answers ("dog (any kind)"), in a strip above the matching categories, never as the match Enter takes.

export class CoarseOffers extends EventTarget {
  /** `root`: the strip's element (a title and a list); `labelOf(answer)`: "dog (any kind)". */
  constructor(root, labelOf) {
    super();
    this.root = root;
    this.labelOf = labelOf;
    this.list = root.querySelector('.coarse-offers-list');
    this.shown = [];
    root.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-answer]');
      // detail 0: Enter or Space pressed the button, not a pointer.
      if (button) this.dispatchEvent(new CustomEvent('pick', { detail: { index: Number(button.dataset.answer), keyboard: event.detail === 0 } }));
    });
    root.addEventListener('keydown', (event) => {
      // Escape hands the keyboard back to the search box, as it does in the cards.
      if (event.key === 'Escape') { event.preventDefault(); this.dispatchEvent(new Event('leave')); }
    });
  }

  /** Offers these answers, best first (the first is what Alt+Enter in the search box takes); none hides the strip. */
  show(answers) {
    if (answers.length === this.shown.length && answers.every((answer, k) => answer === this.shown[k])) return;
    this.shown = answers.slice();
    this.list.replaceChildren(...answers.map((answer, k) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'coarse-offer';
      button.dataset.answer = String(answer);
      button.textContent = this.labelOf(answer);
      button.title = 'Sure of the kind, not of the exact category';
      if (k === 0) {
        button.setAttribute('aria-keyshortcuts', 'Alt+Enter');
        const key = document.createElement('kbd');
        key.textContent = 'Alt Enter';
        key.setAttribute('aria-hidden', 'true');
        button.append(' ', key);
      }
      item.append(button);
      return item;
    }));
    this.root.hidden = answers.length === 0;
  }
}
