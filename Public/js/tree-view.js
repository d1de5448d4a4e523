// tree-view.js — the category hierarchy as an ARIA tree: collapsible nodes with how many categories each holds (and, when the study allows, a button giving the node as a coarse answer), categories as leaves with their example thumbnails, all by keyboard.
import { mark, record } from './metrics.js';

const EXAMPLES_SHOWN = 13;

const escapeHTML = (text) => String(text).replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const thumbnailsHTML = (urls) => urls
  .map((url) => `<img src="${escapeHTML(url)}" alt="" loading="lazy" decoding="async" width="28" height="28">`)
  .join('');

/**
 * Children are put into the page only when their node is first expanded, so a thousand
 * categories cost what the top level costs until someone opens a branch; collapsing hides
 * the branch and keeps it for the next time.
 */
export class TreeView extends EventTarget {
  /**
   * `root`: a <ul> to become the tree; `tree`: a CategoryTree; `examplesOf(index)`: URLs to
   * show; `coarse`: the CoarseAnswers, whose nodes get an "any kind" button and Alt+Enter.
   */
  constructor(root, tree, categories, examplesOf, coarse = null) {
    super();
    this.root = root;
    this.tree = tree;
    this.categories = categories;
    this.examplesOf = examplesOf;
    this.coarse = coarse;
    this.nodeItems = new Map();   // node key -> <li>
    this.leafItems = new Map();   // category index -> <li>
    this.chosen = [];
    this.pinned = [];
    this.tabStop = null;
    root.setAttribute('role', 'tree');
    root.setAttribute('aria-multiselectable', 'true');
    this.#renderChildren(null, root, 1);
    this.#makeTabStop(root.querySelector('[role="treeitem"]'));
    root.addEventListener('click', (event) => this.#onClick(event));
    root.addEventListener('keydown', (event) => this.#onKey(event));
    root.addEventListener('focusin', (event) => {
      const item = event.target.closest?.('[role="treeitem"]');
      if (item) this.#makeTabStop(item);
    });
  }

  #nodeHTML(node, level, position, size) {
    const noun = node.count === 1 ? 'category' : 'categories';
    const answer = this.coarse?.answerOf(node.key) ?? null;
    // A node that can be an answer is selectable like a leaf; one that cannot says nothing of it.
    const answerable = answer === null ? ''
      : ' aria-selected="false" aria-keyshortcuts="Alt+Enter"';
    const label = escapeHTML(this.coarse?.label(answer) ?? '');
    const button = answer === null ? ''
      : '<span class="card-rank" aria-hidden="true"></span>'
        + `<button type="button" class="tree-coarse" data-answer="${answer}" tabindex="-1" aria-label="Answer ${label}"`
        + ` title="Answer “${label}”: sure of the kind, not of the exact category (Alt+Enter)">any kind</button>`;
    return `<li role="treeitem" class="tree-node" data-key="${escapeHTML(node.key)}" aria-expanded="false"
      aria-level="${level}" aria-posinset="${position}" aria-setsize="${size}" tabindex="-1"${answerable}
      aria-label="${escapeHTML(`${node.name}, ${node.count} ${noun}`)}"><span class="tree-row">`
      + '<span class="tree-twisty" aria-hidden="true"></span>'
      + `<span class="tree-name">${escapeHTML(node.name)}</span>`
      + `<span class="tree-count" aria-hidden="true">${node.count}</span>${button}</span>`
      + '<ul role="group" class="tree-group" hidden></ul></li>';
  }

  #leafHTML(category, level, position, size) {
    const i = category.index;
    const synonyms = category.synonyms?.length
      ? `<span class="card-synonyms">also ${escapeHTML(category.synonyms.join(', '))}</span>` : '';
    const urls = this.examplesOf(i).slice(0, EXAMPLES_SHOWN);
    return `<li role="treeitem" class="tree-leaf" data-index="${i}" aria-selected="false" aria-level="${level}"
      aria-posinset="${position}" aria-setsize="${size}" tabindex="-1" aria-keyshortcuts="Enter Alt+C Alt+M"
      aria-label="${escapeHTML(category.name)}"><span class="tree-row">`
      + `<span class="tree-name">${escapeHTML(category.name)}</span>`
      + `<span class="card-rank" aria-hidden="true"></span>${synonyms}</span>`
      + (urls.length ? `<span class="thumbs tree-thumbs" aria-hidden="true">${thumbnailsHTML(urls)}</span>` : '')
      + '</li>';
  }

  /** Puts the rows under `key` (null: the top) into `list`, once. */
  #renderChildren(key, list, level) {
    const rows = this.tree.childrenOf(key);
    list.innerHTML = rows.map((row, n) => (row.kind === 'node'
      ? this.#nodeHTML(this.tree.node(row.key), level, n + 1, rows.length)
      : this.#leafHTML(this.categories[row.index], level, n + 1, rows.length))).join('');
    for (const item of list.children) {
      if (item.dataset.key !== undefined) this.nodeItems.set(item.dataset.key, item);
      else this.leafItems.set(Number(item.dataset.index), item);
    }
    list.dataset.rendered = 'true';
    this.#markLeaves(this.chosen, this.pinned);
  }

  /** Opens or closes a node, rendering its children the first time. */
  setExpanded(key, expanded) {
    const item = this.nodeItems.get(key);
    if (!item) return;
    const started = mark('tree-expand-start');
    if (expanded) this.tree.expand(key); else this.tree.collapse(key);
    const group = item.querySelector(':scope > .tree-group');
    if (expanded && !group.dataset.rendered) {
      this.#renderChildren(key, group, Number(item.getAttribute('aria-level')) + 1);
    }
    group.hidden = !expanded;
    item.setAttribute('aria-expanded', String(expanded));
    if (expanded) record('treeExpand', started, mark('tree-expand-end'));
  }

  /** Expands the nodes above a category and focuses its leaf. */
  reveal(index) {
    for (const key of this.tree.ancestorsOf(index)) this.setExpanded(key, true);
    const leaf = this.leafItems.get(index);
    if (leaf) this.#focus(leaf);
  }

  /** Moves keyboard focus into the tree, at its one tab stop. */
  focusInto() {
    const item = this.tabStop && this.#isShown(this.tabStop) ? this.tabStop : this.#shownItems()[0];
    if (item) this.#focus(item);
  }

  markChosen(indices) {
    this.chosen = indices.slice();
    this.#markLeaves(this.chosen, this.pinned);
  }

  markPinned(indices) {
    this.pinned = indices.slice();
    this.#markLeaves(this.chosen, this.pinned);
  }

  #markLeaves(chosen, pinned) {
    for (const [index, leaf] of this.leafItems) {
      this.#markRank(leaf, chosen, index);
      leaf.classList.toggle('pinned', pinned.includes(index));
    }
    for (const [key, item] of this.nodeItems) {
      const answer = this.coarse?.answerOf(key) ?? null;
      if (answer !== null) this.#markRank(item, chosen, answer);
    }
  }

  /** Selected, with its rank among the guesses as a badge, or neither. */
  #markRank(item, chosen, answer) {
    const rank = chosen.indexOf(answer);
    const selected = String(rank >= 0);
    if (item.getAttribute('aria-selected') !== selected) item.setAttribute('aria-selected', selected);
    const badge = item.querySelector(':scope > .tree-row > .card-rank');
    const text = rank < 0 ? '' : (chosen.length > 1 ? `#${rank + 1}` : '✓');
    if (badge.textContent !== text) badge.textContent = text;
  }

  /** Shows every example known for a category in its leaf. */
  showExamples(index, urls) {
    const thumbs = this.leafItems.get(index)?.querySelector('.thumbs');
    if (!thumbs) return;
    thumbs.innerHTML = thumbnailsHTML(urls);
    thumbs.classList.add('opened');
  }

  #isShown(item) {
    for (let group = item.parentElement; group && group !== this.root; group = group.parentElement) {
      if (group.hidden) return false;
    }
    return true;
  }

  /** The tree items a reader can see, top to bottom, as the model lists them. */
  #shownItems() {
    return this.tree.visibleRows()
      .map((row) => (row.kind === 'node' ? this.nodeItems.get(row.key) : this.leafItems.get(row.index)))
      .filter(Boolean);
  }

  #focus(item) {
    this.#makeTabStop(item);
    item.focus({ preventScroll: true });
    item.querySelector(':scope > .tree-row').scrollIntoView({ block: 'nearest' });
  }

  // One tab stop for the whole tree (roving tabindex), as in the card grid.
  #makeTabStop(item) {
    if (!item || this.tabStop === item) return;
    if (this.tabStop) this.tabStop.tabIndex = -1;
    item.tabIndex = 0;
    this.tabStop = item;
  }

  #rowOf(item) {
    return item.dataset.key !== undefined ? { kind: 'node', key: item.dataset.key } : { kind: 'category', index: Number(item.dataset.index) };
  }

  #itemOfKey(key) { return key == null ? null : this.nodeItems.get(key); }

  #onClick(event) {
    const item = event.target.closest('[role="treeitem"]');
    if (!item || !event.target.closest('.tree-row, .tree-thumbs')) return;
    const row = this.#rowOf(item);
    this.#makeTabStop(item);
    const coarse = event.target.closest('.tree-coarse');
    if (coarse) {
      // The button is for the pointer; the keyboard stays on its node, where Alt+Enter does the same.
      this.#focus(item);
      this.dispatchEvent(new CustomEvent('pick', { detail: { index: Number(coarse.dataset.answer), keyboard: false } }));
    } else if (row.kind === 'node') {
      this.setExpanded(row.key, !this.tree.isExpanded(row.key));
    } else {
      this.dispatchEvent(new CustomEvent('pick', { detail: { index: row.index, keyboard: false } }));
    }
  }

  #onKey(event) {
    const item = event.target.closest?.('[role="treeitem"]');
    // A focused "any kind" button answers Enter and Space itself, as buttons do.
    if (!item || event.ctrlKey || event.metaKey || event.target.closest('.tree-coarse')) return;
    const row = this.#rowOf(item);
    if (event.altKey && row.kind === 'node') {
      const answer = event.key === 'Enter' ? this.coarse?.answerOf(row.key) ?? null : null;
      if (answer === null) return;
      event.preventDefault();
      this.dispatchEvent(new CustomEvent('pick', { detail: { index: answer, keyboard: true } }));
      return;
    }
    if (event.altKey) {
      if (row.kind !== 'category' || (event.code !== 'KeyC' && event.code !== 'KeyM')) return;
      event.preventDefault();
      this.dispatchEvent(new CustomEvent(event.code === 'KeyC' ? 'pin' : 'more', { detail: { index: row.index } }));
      return;
    }
    const expanded = row.kind === 'node' && this.tree.isExpanded(row.key);
    let target = null;
    switch (event.key) {
      case 'ArrowDown': case 'ArrowUp': {
        const items = this.#shownItems();
        const at = items.indexOf(item) + (event.key === 'ArrowDown' ? 1 : -1);
        if (at < 0) { event.preventDefault(); this.dispatchEvent(new Event('leave')); return; }
        target = items[at] ?? null;
        break;
      }
      case 'ArrowRight':
        if (row.kind !== 'node') break;
        if (!expanded) this.setExpanded(row.key, true);
        else target = item.querySelector(':scope > .tree-group > [role="treeitem"]');
        break;
      case 'ArrowLeft':
        if (expanded) this.setExpanded(row.key, false);
        else target = this.#itemOfKey(this.tree.parentOf(row));
        break;
      case 'Home': target = this.#shownItems()[0]; break;
      case 'End': target = this.#shownItems().at(-1); break;
      case 'Enter': case ' ':
        if (row.kind === 'node') this.setExpanded(row.key, !expanded);
        else this.dispatchEvent(new CustomEvent('pick', { detail: { index: row.index, keyboard: true } }));
        break;
      case 'Escape': event.preventDefault(); this.dispatchEvent(new Event('leave')); return;
      default: return;
    }
    event.preventDefault();
    if (target) this.#focus(target);
  }
}
