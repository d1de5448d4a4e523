// pins.js — the categories pinned in the compare tray, at most four, in the order they were pinned; no DOM.

export const MOST_PINS = 4;

export class Pins extends EventTarget {
  constructor(most = MOST_PINS) {
    super();
    this.most = most;
    this.items = [];
  }

  get values() { return this.items.slice(); }
  get full() { return this.items.length >= this.most; }
  has(index) { return this.items.includes(index); }

  /** 'added', 'present' or 'full' (the tray refuses a fifth rather than dropping one unseen). */
  add(index) {
    if (this.items.includes(index)) return 'present';
    if (this.full) return 'full';
    this.items.push(index);
    this.#changed();
    return 'added';
  }

  remove(index) {
    const at = this.items.indexOf(index);
    if (at < 0) return false;
    this.items.splice(at, 1);
    this.#changed();
    return true;
  }

  /** 'added', 'removed' or 'full'. */
  toggle(index) {
    if (this.remove(index)) return 'removed';
    return this.add(index);
  }

  clear() {
    if (!this.items.length) return;
    this.items = [];
    this.#changed();
  }

  #changed() { this.dispatchEvent(new Event('change')); }
}
