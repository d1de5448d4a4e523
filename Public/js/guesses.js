// guesses.js — the annotator's ordered guesses for the image on screen, best first, as
// in ImageNet's top-5 protocol, shown as numbered chips that can each be removed.
// With one guess allowed, a new pick replaces the old one instead of being refused.

export class Guesses extends EventTarget {
  constructor(max, list, nameOf) {
    super();
    this.max = max;
    this.list = list;
    this.nameOf = nameOf;
    this.items = [];
    list.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-index]');
      if (button) this.remove(Number(button.dataset.index), { fromChip: true });
    });
    this.#render();
  }

  get values() { return this.items.slice(); }
  get full() { return this.items.length >= this.max; }
  has(index) { return this.items.includes(index); }

  /** 'added', 'present' (already a guess) or 'full'. */
  add(index) {
    if (this.items.includes(index)) return 'present';
    if (this.full && this.max > 1) return 'full';
    if (this.max === 1) this.items = [index]; else this.items.push(index);
    this.#changed();
    return 'added';
  }

  remove(index, { fromChip = false } = {}) {
    const at = this.items.indexOf(index);
    if (at < 0) return;
    this.items.splice(at, 1);
    this.#changed();
    // Removing the focused chip would drop focus to <body>; keep it on the chips.
    if (fromChip) (this.list.querySelectorAll('button')[Math.min(at, this.items.length - 1)])?.focus();
  }

  pop() {
    if (this.items.length) this.remove(this.items.at(-1));
  }

  set(indices) {
    this.items = indices.slice(0, this.max);
    this.#changed();
  }

  clear() {
    if (this.items.length === 0) return;
    this.items = [];
    this.#changed();
  }

  #changed() {
    this.#render();
    this.dispatchEvent(new Event('change'));
  }

  #render() {
    this.list.replaceChildren(...this.items.map((index, rank) => {
      const chip = document.createElement('li');
      chip.className = 'chip';
      chip.dataset.index = String(index);
      const number = document.createElement('span');
      number.className = 'chip-rank';
      number.textContent = String(rank + 1);
      const name = document.createElement('span');
      name.className = 'chip-name';
      name.textContent = this.nameOf(index);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'chip-remove';
      remove.dataset.index = String(index);
      remove.setAttribute('aria-label', `Remove guess ${rank + 1}, ${this.nameOf(index)}`);
      remove.textContent = '×';
      chip.append(number, name, remove);
      return chip;
    }));
    this.list.dataset.count = String(this.items.length);
  }
}
