// picker.js — which list of categories is on screen: the hierarchy as a tree or the flat card list (the toggle, remembered per tab), and the flat list's search results whenever a query is typed.
import { saveMode, savedMode } from './picker-mode.js';

export class Picker {
  /** `treeView` is null for a dataset without a hierarchy; the toggle is hidden then. */
  constructor({ catalog, treeView, tree, toggle }) {
    this.catalog = catalog;
    this.treeView = treeView;
    this.tree = tree;
    this.toggle = toggle;
    this.ordered = catalog.ordered;
    this.mode = treeView ? savedMode() : 'list';
    this.query = '';
    toggle.hidden = !treeView;
    toggle.addEventListener('click', () => this.setMode(this.mode === 'tree' ? 'list' : 'tree'));
    this.#show();
  }

  /** The hierarchy's node names above a category, for the search index. */
  namesAbove = (category) => (this.tree ? this.tree.namesAbove(category.index) : []);

  nameOf(index) { return this.catalog.nameOf(index); }

  setMode(mode) {
    if (!this.treeView) return;
    this.mode = mode === 'tree' ? 'tree' : 'list';
    saveMode(this.mode);
    this.#show();
  }

  get showingTree() { return this.mode === 'tree' && !this.query; }

  /** Search results always come as the flat list: a match deep in the tree needs no opening. */
  applyFilter(result, query) {
    this.catalog.applyFilter(result, query);
    if (this.query !== query) {
      this.query = query;
      this.#show();
    }
  }

  focusInto() {
    if (this.showingTree) this.treeView.focusInto(); else this.catalog.focusInto();
  }

  #show() {
    const tree = this.showingTree;
    if (this.treeView) this.treeView.root.hidden = !tree;
    this.catalog.root.hidden = tree;
    this.toggle.setAttribute('aria-pressed', String(this.mode === 'tree'));
  }
}
