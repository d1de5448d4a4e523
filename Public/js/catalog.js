// catalog.js — the category panel as a flat list: one card per category (name, description,
// synonyms, up to 13 lazily loaded example thumbnails, more on request), grouped when the
// dataset has groups, each with a Compare pin and a More examples button beside it. It shows
// which cards are chosen, pinned and matching the search, moves focus between cards with the
// arrow keys, and reports picks, pins and requests for more; it never decides what they mean.
import { onPixelRatioChange, pixelRatio } from './pixels.js';

const EXAMPLES_SHOWN = 13;
const THUMBS_PER_ROW = 7; // with EXAMPLES_SHOWN: one or two rows, as styles.css expects
const THUMBS_AHEAD = '800px';
const TYPING_PAUSE_MS = 250;
const CHUNK = 40;
const CARDS_PER_SLICE = 4;
const SMALL_IMAGE_MAX = 64; // px; larger images are photos, drawn smoothly

const escapeHTML = (text) => String(text).replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const thumbnailsHTML = (urls) => urls
  .map((url) => `<img src="${escapeHTML(url)}" alt="" loading="lazy" decoding="async" width="28" height="28">`)
  .join('');

/** The nearest scrolling ancestor: the root an observer's margin must apply to. */
function scrollParent(element) {
  for (let e = element; e; e = e.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(e).overflowY)) return e;
  }
  return null;
}

/**
 * The CSS side of a sharp thumbnail: the image's shorter side times the whole number of
 * device pixels per source pixel that comes nearest the --thumb size; any other factor
 * draws some source pixels a device pixel wider than others. Null (draw smoothly) for
 * photos, and for images so large that one device pixel each overshoots --thumb twice over.
 */
function pixelThumbSide(width, height, element) {
  if (Math.max(width, height) > SMALL_IMAGE_MAX) return null;
  const ratio = pixelRatio();
  const target = parseFloat(getComputedStyle(element).getPropertyValue('--thumb')) || 36;
  const shorter = Math.min(width, height);
  const factor = Math.round((target * ratio) / shorter);
  return factor >= 1 ? (shorter * factor) / ratio : null;
}

/** The digit key that picks category `index` when there are at most ten: 1…9, then 0. */
export const digitFor = (index) => String((index + 1) % 10);

export class Catalog extends EventTarget {
  constructor(root, categories, { digitKeys }) {
    super();
    this.root = root;
    this.categories = categories;
    this.digitKeys = digitKeys;
    this.ordered = this.#displayOrder();
    this.cards = [];          // in display order
    this.cells = [];          // each card with its tools, in display order
    this.cardByIndex = new Map();
    this.groupOf = [];        // display position -> group element (or null)
    this.chunkOf = [];        // display position -> the grid holding the card
    this.best = null;
    this.filteredAt = -Infinity;
    this.scrolled = false;
    this.tabStop = null;
    this.chosen = [];
    this.pinned = [];
    this.#render();
    root.addEventListener('click', (event) => this.#onClick(event));
    root.addEventListener('keydown', (event) => this.#onKey(event));
    root.addEventListener('focusin', (event) => {
      const card = event.target.closest?.('.card');
      if (card) this.#makeTabStop(card);
    });
    // Blurry 28-pixel thumbnails are useless; sharp pixels are not. Photos stay smooth.
    // The first thumbnail decides for the whole dataset: one style change, not 13,000.
    const decide = (event) => {
      const img = event.target;
      if (img.tagName !== 'IMG' || !img.naturalWidth) return;
      root.removeEventListener('load', decide, true);
      const sharpen = () => {
        const side = pixelThumbSide(img.naturalWidth, img.naturalHeight, root);
        if (side !== null) document.documentElement.style.setProperty('--pixel-thumb', `${side}px`);
        root.classList.toggle('small-images', side !== null);
      };
      sharpen();
      // Zooming changes the device pixels per CSS pixel, and with them the whole factor.
      onPixelRatioChange(sharpen);
    };
    root.addEventListener('load', decide, true);
  }

  /** Groups in order of first appearance, categories by index inside each group. */
  #displayOrder() {
    if (!this.categories.some((c) => c.group)) return this.categories.slice();
    const groups = new Map();
    for (const category of this.categories) {
      const key = category.group ?? '';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(category);
    }
    return [...groups.values()].flat();
  }

  #cardHTML(category) {
    const i = category.index;
    const key = this.digitKeys ? `<kbd class="card-key" aria-hidden="true">${digitFor(i)}</kbd>` : '';
    const synonyms = category.synonyms?.length
      ? `<span class="card-synonyms">also ${escapeHTML(category.synonyms.join(', '))}</span>` : '';
    const description = category.description
      ? `<span class="card-desc" id="card-desc-${i}">${escapeHTML(category.description)}</span>` : '';
    const examples = Math.min(EXAMPLES_SHOWN, category.examples.length);
    const rows = Math.ceil(examples / THUMBS_PER_ROW);
    const label = this.digitKeys ? `${category.name} (key ${digitFor(i)})` : category.name;
    const name = escapeHTML(category.name);
    // The tools sit beside the card, not in it: a button inside a button is no button at
    // all to a screen reader. Keyboard users reach them as Alt+C and Alt+M on the card.
    const tools = `<span class="card-tools"><button type="button" class="card-pin" data-pin="${i}" tabindex="-1"
      aria-pressed="false" aria-keyshortcuts="Alt+C" aria-label="Compare ${name}" title="Pin to the compare tray (Alt+C)">Compare</button>`
      + (examples ? `<button type="button" class="card-more" data-more="${i}" tabindex="-1" aria-keyshortcuts="Alt+M"
      aria-label="More examples of ${name}" title="More examples (Alt+M)">More</button>` : '')
      + '</span>';
    return `<div class="card-cell" data-index="${i}"><button type="button" class="card" id="card-${i}" data-index="${i}" tabindex="-1"
      aria-pressed="false" aria-keyshortcuts="Alt+C Alt+M" aria-label="${escapeHTML(label)}"${description ? ` aria-describedby="card-desc-${i}"` : ''}>`
      + `<span class="card-head">${key}<span class="card-name">${escapeHTML(category.name)}</span>`
      + `<span class="card-rank" aria-hidden="true"></span></span>${description}${synonyms}`
      // The row count goes in a data attribute that styles.css turns into --rows: the
      // Content-Security-Policy refuses style attributes in markup.
      + (examples ? `<span class="thumbs" aria-hidden="true" data-rows="${rows}"></span>` : '')
      + `</button>${tools}</div>`;
  }

  /**
   * Cards go into grids of at most CHUNK cards, one run per group. Each grid is its own
   * content-visibility island: the browser skips style and layout for islands out of
   * view, so unhiding 1,000 cards costs what unhiding the visible few does.
   */
  #render() {
    const grouped = this.ordered.some((c) => c.group);
    const runs = [];
    for (const category of this.ordered) {
      const key = grouped ? (category.group ?? '') : null;
      if (!runs.length || runs.at(-1).key !== key) runs.push({ key, categories: [] });
      runs.at(-1).categories.push(category);
    }
    let html = '';
    runs.forEach((run, n) => {
      if (grouped) {
        html += `<section class="group" aria-labelledby="group-${n}"><h3 class="group-name" id="group-${n}">`
          + `${escapeHTML(run.key || 'Other')}</h3>`;
      }
      for (let at = 0; at < run.categories.length; at += CHUNK) {
        html += `<div class="cards">${run.categories.slice(at, at + CHUNK).map((c) => this.#cardHTML(c)).join('')}</div>`;
      }
      if (grouped) html += '</section>';
    });
    this.root.innerHTML = html;
    this.cards = Array.from(this.root.querySelectorAll('.card'));
    for (const card of this.cards) {
      const cell = card.parentElement;
      this.cardByIndex.set(Number(card.dataset.index), card);
      this.cells.push(cell);
      this.chunkOf.push(cell.parentElement);
      this.groupOf.push(grouped ? cell.parentElement.parentElement : null);
    }
    this.chunks = Array.from(this.root.querySelectorAll('.cards'));
    this.groups = grouped ? Array.from(this.root.querySelectorAll('.group')) : [];
    this.scroller = scrollParent(this.root);
    (this.scroller ?? window).addEventListener('scroll', () => {
      this.scrolled = (this.scroller ?? document.scrollingElement).scrollTop > 0;
    }, { passive: true });
    this.#thumbnailsWhenNear();
    this.tabStop = this.cards[0] ?? null;
    if (this.tabStop) this.tabStop.tabIndex = 0;
  }

  /**
   * Thumbnail elements are created only as cards come near the viewport: 1,000
   * categories would otherwise mean 13,000 <img> elements before the first image shows.
   */
  #thumbnailsWhenNear() {
    const waiting = new Set();
    let scheduled = false;
    const idle = window.requestIdleCallback ?? ((run) => setTimeout(() => run({ timeRemaining: () => 8, didTimeout: false }), 16));
    const fill = (deadline) => {
      scheduled = false;
      // While the annotator is typing, cards flash in and out of view; filling them
      // would spend each keystroke's frame on images nobody gets to look at.
      const quiet = performance.now() - this.filteredAt;
      if (quiet < TYPING_PAUSE_MS) { schedule(TYPING_PAUSE_MS - quiet); return; }
      // A few cards per idle slice, so a screenful of thumbnails never blocks a frame.
      let filled = 0;
      for (const card of waiting) {
        // A busy machine may never be idle: after the timeout, fill a slice regardless.
        if (filled >= CARDS_PER_SLICE || (deadline.timeRemaining() < 4 && !deadline.didTimeout)) break;
        filled += 1;
        waiting.delete(card);
        if (card.hidden) continue; // observed again when it reappears
        observer.unobserve(card);
        const thumbs = card.querySelector('.thumbs');
        if (thumbs.childElementCount) continue; // More examples filled it already
        const category = this.categories[Number(card.dataset.index)];
        thumbs.innerHTML = thumbnailsHTML(category.examples.slice(0, EXAMPLES_SHOWN));
      }
      if (waiting.size) schedule(0);
    };
    const schedule = (delay) => {
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => idle(fill, { timeout: 200 }), delay);
    };
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) waiting.add(entry.target); else waiting.delete(entry.target);
      }
      if (waiting.size) schedule(0);
    }, { root: this.scroller, rootMargin: `${THUMBS_AHEAD} 0px` });
    for (const card of this.cards) if (card.querySelector('.thumbs')) observer.observe(card);
  }

  /** Marks the chosen categories with their rank (1 = best guess). */
  markChosen(indices) {
    for (const index of this.chosen) {
      const card = this.cardByIndex.get(index);
      if (!card) continue;
      card.classList.remove('chosen');
      card.setAttribute('aria-pressed', 'false');
      card.querySelector('.card-rank').textContent = '';
    }
    indices.forEach((index, rank) => {
      const card = this.cardByIndex.get(index);
      if (!card) return;
      card.classList.add('chosen');
      card.setAttribute('aria-pressed', 'true');
      card.querySelector('.card-rank').textContent = indices.length > 1 ? `#${rank + 1}` : '✓';
    });
    this.chosen = indices.slice();
  }

  /** Marks the categories pinned in the compare tray. */
  markPinned(indices) {
    for (const index of this.pinned) this.#setPinned(index, false);
    for (const index of indices) this.#setPinned(index, true);
    this.pinned = indices.slice();
  }

  #setPinned(index, on) {
    const cell = this.cardByIndex.get(index)?.parentElement;
    if (!cell) return;
    cell.classList.toggle('pinned', on);
    cell.querySelector('.card-pin').setAttribute('aria-pressed', String(on));
  }

  /** Shows every example known for a category in its card; `more` false once there are no others. */
  showExamples(index, urls, { more }) {
    const card = this.cardByIndex.get(index);
    const thumbs = card?.querySelector('.thumbs');
    if (!thumbs) return;
    thumbs.innerHTML = thumbnailsHTML(urls);
    thumbs.classList.add('opened');
    const button = card.parentElement.querySelector('.card-more');
    if (button && !more) {
      button.disabled = true;
      button.textContent = 'All shown';
    }
  }

  /** Shows only matching cards (and groups that still hold one), highlighting the best. */
  applyFilter({ visible, best }, query) {
    this.filteredAt = performance.now();
    const shown = new Set();
    const cards = this.cards;
    const cells = this.cells;
    let first = null;
    for (let k = 0; k < cards.length; k += 1) {
      const hide = visible[k] === 0;
      if (cards[k].hidden !== hide) {
        cards[k].hidden = hide;
        cells[k].hidden = hide;
      }
      if (!hide) {
        first ??= cards[k];
        shown.add(this.chunkOf[k]);
        if (this.groupOf[k]) shown.add(this.groupOf[k]);
      }
    }
    for (const box of this.chunks) if (box.hidden === shown.has(box)) box.hidden = !shown.has(box);
    for (const group of this.groups) if (group.hidden === shown.has(group)) group.hidden = !shown.has(group);
    const bestCard = best >= 0 ? this.cardByIndex.get(best) : null;
    if (this.best !== bestCard) {
      this.best?.classList.remove('best');
      bestCard?.classList.add('best');
      this.best = bestCard;
    }
    // Keep Tab able to reach the grid: its one tab stop must be a visible card.
    const stop = bestCard ?? first;
    if (stop && (!this.tabStop || this.tabStop.hidden)) this.#makeTabStop(stop);
    // Matches start at the top of the list; scrolling to the best match instead would
    // make every keystroke lay out and paint a new stretch of a 1,000-card list.
    if (query && this.scrolled) {
      requestAnimationFrame(() => { (this.scroller ?? document.scrollingElement).scrollTop = 0; });
    }
  }

  nameOf(index) { return this.categories[index]?.name ?? `#${index}`; }

  /** Moves keyboard focus into the cards: the best match, else the first visible card. */
  focusInto() {
    const card = this.best && !this.best.hidden ? this.best : this.#visible()[0];
    if (card) this.#focus(card);
  }

  #visible() {
    return this.cards.filter((card) => !card.hidden);
  }

  #focus(card) {
    this.#makeTabStop(card);
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
  }

  // One tab stop for the whole grid (roving tabindex): Tab jumps past 1,000 cards.
  #makeTabStop(card) {
    if (this.tabStop === card) return;
    if (this.tabStop) this.tabStop.tabIndex = -1;
    card.tabIndex = 0;
    this.tabStop = card;
  }

  #onClick(event) {
    const tool = event.target.closest('.card-pin, .card-more');
    if (tool) {
      const pin = tool.classList.contains('card-pin');
      this.dispatchEvent(new CustomEvent(pin ? 'pin' : 'more', {
        detail: { index: Number(pin ? tool.dataset.pin : tool.dataset.more) },
      }));
      return;
    }
    const card = event.target.closest('.card');
    if (!card) return;
    // detail 0: the click came from Enter or Space, not from a pointer.
    this.dispatchEvent(new CustomEvent('pick', {
      detail: { index: Number(card.dataset.index), keyboard: event.detail === 0 },
    }));
  }

  #onKey(event) {
    const card = event.target.closest?.('.card');
    if (card && event.altKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyC' || event.code === 'KeyM')) {
      event.preventDefault();
      this.dispatchEvent(new CustomEvent(event.code === 'KeyC' ? 'pin' : 'more', {
        detail: { index: Number(card.dataset.index) },
      }));
      return;
    }
    if (!card || event.altKey || event.ctrlKey || event.metaKey) return;
    let target = null;
    switch (event.key) {
      case 'ArrowRight': target = this.#step(card, 1); break;
      case 'ArrowLeft': target = this.#step(card, -1); break;
      case 'ArrowDown': target = this.#vertical(card, 1); break;
      case 'ArrowUp':
        target = this.#vertical(card, -1);
        if (!target) { event.preventDefault(); this.dispatchEvent(new Event('leave')); return; }
        break;
      case 'Home': target = this.#visible()[0]; break;
      case 'End': target = this.#visible().at(-1); break;
      case 'Escape': event.preventDefault(); this.dispatchEvent(new Event('leave')); return;
      default: return;
    }
    event.preventDefault();
    if (target) this.#focus(target);
  }

  #step(card, direction) {
    const list = this.#visible();
    return list[list.indexOf(card) + direction] ?? null;
  }

  /** The card in the next row up or down whose centre is nearest horizontally. */
  #vertical(card, direction) {
    const list = this.#visible();
    const here = card.getBoundingClientRect();
    const centre = here.left + here.width / 2;
    let rowTop = null;
    let best = null;
    let bestDistance = Infinity;
    for (let j = list.indexOf(card) + direction; j >= 0 && j < list.length; j += direction) {
      const box = list[j].getBoundingClientRect();
      if (Math.abs(box.top - here.top) < 4) continue;
      if (rowTop === null) rowTop = box.top;
      else if (Math.abs(box.top - rowTop) >= 4) break;
      const distance = Math.abs(box.left + box.width / 2 - centre);
      if (distance < bestDistance) { bestDistance = distance; best = list[j]; }
    }
    return best;
  }
}
