// outbox.js — answers on their way to the server. Each judgement is written to
// localStorage before its first send and dropped only once the server has sent a
// receipt, so a reload, a crash or a dead server loses nothing. A retry reuses the
// judgement's uuid, and the server answers a known uuid with the original receipt,
// so nothing is stored twice either.
import { ApiError, isAlreadyJudged, postJudgement } from './api.js';

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 8000;
// Short on purpose: an abandoned request is harmless because the retry is idempotent.
const SEND_TIMEOUT_MS = 5000;
const RECEIPTS_KEPT = 20;

export class Outbox extends EventTarget {
  constructor(storageKey) {
    super();
    this.key = storageKey;
    this.entries = this.#load();
    this.rejected = [];
    this.receipts = new Map(); // uuid -> receipt, for answers already delivered
    this.waiters = new Map();  // uuid -> [{resolve, reject}]
    this.inFlight = null;      // uuid being sent right now
    this.state = 'idle';       // idle | sending | retrying | signed-out
    this.lastError = '';
    this.retryAt = 0;
    this.delay = 0;
    this.timer = null;
    this.pumping = false;
    addEventListener('online', () => this.kick());
  }

  get size() { return this.entries.length; }

  itemIds() { return this.entries.map((entry) => entry.judgement.item_id); }

  add(judgement) {
    this.entries.push({ judgement, queuedAt: Date.now() });
    this.#save();
    this.#announce();
    this.kick();
  }

  /** Takes back a judgement that has not left the page yet; false if it may have. */
  withdraw(uuid) {
    if (this.inFlight === uuid) return false;
    const at = this.entries.findIndex((entry) => entry.judgement.uuid === uuid);
    if (at < 0) return false;
    this.entries.splice(at, 1);
    this.#save();
    this.#settle(uuid, null, new Error('withdrawn'));
    this.#announce();
    return true;
  }

  /** The server's receipt for `uuid`, once it has one; rejects if the server refused it. */
  receipt(uuid) {
    if (this.receipts.has(uuid)) return Promise.resolve(this.receipts.get(uuid));
    const refused = this.rejected.find((entry) => entry.judgement.uuid === uuid);
    if (refused) return Promise.reject(refused.error);
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(uuid) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(uuid, list);
    });
  }

  /** Resolves when every queued judgement has been delivered or refused. */
  drained() {
    if (this.entries.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.entries.length === 0) { this.removeEventListener('change', check); resolve(); }
      };
      this.addEventListener('change', check);
    });
  }

  /** Sends now, cutting short any back-off wait (new answer, network back, page shown). */
  kick() {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (!this.pumping) this.#pump();
  }

  async #pump() {
    this.pumping = true;
    while (this.entries.length > 0) {
      const entry = this.entries[0];
      this.inFlight = entry.judgement.uuid;
      this.state = 'sending';
      this.#announce();
      try {
        const receipt = await postJudgement(entry.judgement, SEND_TIMEOUT_MS);
        this.#forget(entry);
        this.#remember(receipt);
        this.delay = 0;
        this.lastError = '';
        this.#settle(entry.judgement.uuid, receipt, null);
      } catch (error) {
        this.inFlight = null;
        if (error instanceof ApiError && error.status === 401) {
          // Retrying cannot help until the annotator opens their link again.
          this.state = 'signed-out';
          this.lastError = error.message;
          break;
        }
        if (isAlreadyJudged(error)) {
          // The answer given first, elsewhere, stands; this one has nothing to add, so it
          // is dropped without a warning (a red banner would alarm for nothing).
          this.#forget(entry);
          this.#settle(entry.judgement.uuid, null, error);
          continue;
        }
        if (error instanceof ApiError && error.status >= 400 && error.status < 500
            && error.status !== 408 && error.status !== 429) {
          // The server understood and said no: retrying would get the same answer.
          this.#forget(entry);
          this.rejected.push({ judgement: entry.judgement, error });
          this.lastError = error.message;
          this.#settle(entry.judgement.uuid, null, error);
          continue;
        }
        this.delay = Math.min(RETRY_MAX_MS, this.delay ? this.delay * 2 : RETRY_FIRST_MS);
        this.state = 'retrying';
        this.lastError = error.message;
        this.retryAt = Date.now() + this.delay;
        this.timer = setTimeout(() => { this.timer = null; this.#pump(); }, this.delay);
        break;
      }
    }
    this.inFlight = null;
    if (this.entries.length === 0) this.state = 'idle';
    this.pumping = false;
    this.#announce();
  }

  #forget(entry) {
    const at = this.entries.indexOf(entry);
    if (at >= 0) this.entries.splice(at, 1);
    this.#save();
  }

  #remember(receipt) {
    this.receipts.set(receipt.uuid, receipt);
    if (this.receipts.size > RECEIPTS_KEPT) this.receipts.delete(this.receipts.keys().next().value);
  }

  #settle(uuid, receipt, error) {
    for (const waiter of this.waiters.get(uuid) ?? []) {
      if (error) waiter.reject(error); else waiter.resolve(receipt);
    }
    this.waiters.delete(uuid);
  }

  #announce() {
    this.dispatchEvent(new Event('change'));
  }

  #load() {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? '[]');
      return Array.isArray(stored) ? stored.filter((entry) => entry?.judgement?.uuid) : [];
    } catch {
      return [];
    }
  }

  #save() {
    try {
      localStorage.setItem(this.key, JSON.stringify(this.entries));
    } catch {
      // Storage full or blocked: the answers still live in memory and keep retrying.
    }
  }
}
