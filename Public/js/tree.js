// tree.js — the category hierarchy as a tree: inner nodes over the categories, how many categories lie under each node, and which nodes are expanded; no DOM.

const byName = (a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

export class CategoryTree {
  /**
   * `categories`: cards as /api/categories gives them, each with `path` (inner-node keys
   * from the root down to its parent); `nodes`: {key, name, description, synonyms, parent}.
   * A category whose parent the nodes do not name sits at the top, so none is ever lost.
   */
  constructor(categories, nodes = []) {
    this.categories = categories;
    this.nodes = new Map();
    for (const node of nodes) {
      this.nodes.set(node.key, { ...node, childNodes: [], childCategories: [], count: 0 });
    }
    this.parentOfCategory = new Map();
    const topNodes = [];
    const topCategories = [];
    for (const node of this.nodes.values()) {
      const parent = node.parent == null ? null : this.nodes.get(node.parent);
      if (parent && parent !== node) parent.childNodes.push(node); else topNodes.push(node);
    }
    for (const category of categories) {
      const parent = this.nodes.get(category.path?.at(-1));
      if (!parent) { topCategories.push(category); continue; }
      parent.childCategories.push(category);
      this.parentOfCategory.set(category.index, parent.key);
      for (const key of this.#keysUpFrom(parent.key)) this.nodes.get(key).count += 1;
    }
    // Nodes with nothing under them would be dead ends to open.
    const kept = (list) => list.filter((node) => node.count > 0).sort(byName);
    for (const node of this.nodes.values()) {
      node.childNodes = kept(node.childNodes);
      node.childCategories.sort(byName);
    }
    this.top = { childNodes: kept(topNodes), childCategories: topCategories.sort(byName) };
    this.hasHierarchy = this.parentOfCategory.size > 0;
    this.expanded = new Set();
  }

  /** The node keys from `key` up to the root, guarded against a cycle in bad data. */
  #keysUpFrom(key) {
    const keys = [];
    const seen = new Set();
    for (let at = this.nodes.get(key); at && !seen.has(at.key); at = this.nodes.get(at.parent)) {
      seen.add(at.key);
      keys.push(at.key);
    }
    return keys;
  }

  node(key) { return this.nodes.get(key) ?? null; }

  /** Inner nodes, then categories, directly under `key` (null: the top level). */
  childrenOf(key) {
    const parent = key == null ? this.top : this.nodes.get(key);
    if (!parent) return [];
    return [
      ...parent.childNodes.map((node) => ({ kind: 'node', key: node.key })),
      ...parent.childCategories.map((category) => ({ kind: 'category', index: category.index })),
    ];
  }

  /** The parent node's key of a row (null at the top level). */
  parentOf(row) {
    if (row.kind === 'category') return this.parentOfCategory.get(row.index) ?? null;
    const parent = this.nodes.get(row.key)?.parent;
    return parent != null && this.nodes.has(parent) && parent !== row.key ? parent : null;
  }

  /** Node keys from the root down to the category's parent. */
  ancestorsOf(index) {
    const parent = this.parentOfCategory.get(index);
    return parent === undefined ? [] : this.#keysUpFrom(parent).reverse();
  }

  /** The names and synonyms of the nodes above a category, root first: what a search may also find it by. */
  namesAbove(index) {
    return this.ancestorsOf(index).flatMap((key) => {
      const node = this.nodes.get(key);
      return [node.name, ...(node.synonyms ?? [])];
    });
  }

  isExpanded(key) { return this.expanded.has(key); }
  expand(key) { if (this.nodes.has(key)) this.expanded.add(key); }
  collapse(key) { this.expanded.delete(key); }
  toggle(key) { if (this.expanded.has(key)) this.collapse(key); else this.expand(key); }

  /** Expands every node above a category, so it can be shown. */
  reveal(index) {
    for (const key of this.ancestorsOf(index)) this.expanded.add(key);
  }

  /** The rows a reader sees, top to bottom: only expanded nodes' children, with their depth (1 at the top). */
  visibleRows() {
    const rows = [];
    const walk = (key, depth) => {
      for (const row of this.childrenOf(key)) {
        rows.push({ ...row, depth });
        if (row.kind === 'node' && this.expanded.has(row.key)) walk(row.key, depth + 1);
      }
    };
    walk(null, 1);
    return rows;
  }
}
