// leases.js — the items leased to this annotator that are still to come, in order.
// Each one's image is fetched and decoded as soon as it is known, so that showing the
// next item is a DOM swap of a ready bitmap rather than a network round trip.
import { leaseNext } from './api.js';

const AHEAD = 5;        // images kept ready beyond the one on screen
const LOW_WATER = 2;    // ask for more only below this, so leases come in batches
const MAX_BATCH = 50;   // the server's limit for /api/next?count

export class Leases {
  /** @param held - item ids the page already holds elsewhere (on screen, unsent answers) */
  constructor(held) {
    this.held = held;
    this.items = [];
    // Every item answered on this page (and not undone). An /api/next answered by the
    // server just before one of our judgements landed still lists that item as leased;
    // without this record it would be queued, shown and refused a second time.
    this.answered = new Set();
    this.pending = null;
    this.lastError = null;
  }

  get length() { return this.items.length; }

  shift() { return this.items.shift(); }

  /** Puts an item back at the front (after an undo the server leases it to us again). */
  unshift(item) {
    this.answered.delete(item.item_id);
    this.items.unshift(prepare(item));
  }

  /** Records an answer: the item can never be queued again unless the answer is undone. */
  markAnswered(itemId) {
    this.answered.add(itemId);
    this.items = this.items.filter((item) => item.item_id !== itemId);
  }

  /**
   * Tops the queue up to AHEAD items once it runs low. The server returns our live leases before new
   * ones, so asking for (everything we hold + what we want) yields exactly the new ones
   * after the known ids are skipped — and picks up leases from an earlier visit.
   */
  refill() {
    if (this.pending) return this.pending;
    if (this.items.length > LOW_WATER) return Promise.resolve(0);
    const want = AHEAD - this.items.length;
    const known = new Set([...this.held(), ...this.items.map((item) => item.item_id)]);
    const count = Math.min(MAX_BATCH, known.size + want);
    this.pending = leaseNext(count)
      .then((assignments) => {
        this.lastError = null;
        // Recomputed: answers given while the request was out must count as known too.
        const known = new Set([...this.held(), ...this.answered, ...this.items.map((item) => item.item_id)]);
        let added = 0;
        for (const assignment of assignments) {
          if (known.has(assignment.item_id)) continue;
          known.add(assignment.item_id);
          this.items.push(prepare(assignment));
          added += 1;
        }
        return added;
      })
      .catch((error) => { this.lastError = error; return 0; })
      .finally(() => { this.pending = null; });
    return this.pending;
  }
}

/** Starts fetching and decoding the item's image; `ready` settles when it can be shown. */
function prepare(assignment) {
  const img = new Image();
  img.decoding = 'async';
  img.alt = '';
  img.src = assignment.image_url;
  const item = { ...assignment, img, loaded: false };
  item.ready = img.decode().then(
    () => { item.loaded = true; return true; },
    () => { item.loaded = true; return false; },
  );
  return item;
}
