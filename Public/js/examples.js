// examples.js — each category's example images: the first ones from its card, more fetched a page at a time on request; no DOM.

export const PAGE_SIZE = 26;

/** The server's examples route gives image handles; cards already give URLs. */
export const imageURL = (handle) => (String(handle).startsWith('/') ? String(handle) : `/images/${encodeURIComponent(handle)}`);

export class ExampleStore {
  /** `fetchPage(index, offset, limit)` resolves to {examples, total}. */
  constructor(categories, fetchPage) {
    this.categories = categories;
    this.fetchPage = fetchPage;
    this.known = new Map();   // index -> URLs so far
    this.totals = new Map();  // index -> how many the server has, once asked
    this.pending = new Map(); // index -> the page on its way
  }

  /** Every example URL known for a category so far. */
  urls(index) {
    return this.known.get(index) ?? (this.categories[index]?.examples ?? []).map(imageURL);
  }

  /** False once the server said there are no more. */
  hasMore(index) {
    const total = this.totals.get(index);
    return total === undefined || this.urls(index).length < total;
  }

  /** Fetches the next page; resolves to the URLs it added (none at the end). One request per category at a time. */
  more(index, limit = PAGE_SIZE) {
    if (this.pending.has(index)) return this.pending.get(index);
    if (!this.hasMore(index)) return Promise.resolve([]);
    const before = this.urls(index);
    const page = this.fetchPage(index, before.length, limit).then(({ examples = [], total }) => {
      const added = examples.map(imageURL).filter((url) => !before.includes(url));
      this.known.set(index, before.concat(added));
      this.totals.set(index, Number.isFinite(total) ? total : before.length + added.length);
      return added;
    }).finally(() => this.pending.delete(index));
    this.pending.set(index, page);
    return page;
  }
}
