// browsing.js — one trial's browsing log: categories whose examples were opened, the searches typed, and the categories in the compare tray; no DOM.

export const MOST_SEARCHES = 50;
export const LONGEST_SEARCH = 100;
export const MOST_PINNED = 4;

/**
 * Notes are taken only between `start` (the image's onset) and `finish` (the answer), so
 * what happens while feedback or a dialog is up never lands on the next trial.
 */
export class BrowsingLog {
  constructor() {
    this.trial = null; // {opened, searched, pinned}
  }

  /** Starts a trial; `pinnedNow` are the categories already in the tray as it begins. */
  start(pinnedNow = []) {
    this.trial = { opened: new Set(), searched: [], pinned: new Set(pinnedNow.slice(-MOST_PINNED)) };
  }

  noteOpened(index) { this.trial?.opened.add(index); }

  /**
   * The tray holds four at a time, and so does the log (the server refuses more): with a
   * fifth pinned after an unpin, the one pinned longest ago leaves the log.
   */
  notePinned(index) {
    const pinned = this.trial?.pinned;
    if (!pinned) return;
    pinned.delete(index);
    pinned.add(index);
    if (pinned.size > MOST_PINNED) pinned.delete(pinned.values().next().value);
  }

  /** A search's final text; repeats and empty ones are dropped, long ones cut. */
  noteSearch(query) {
    const trial = this.trial;
    const text = String(query).trim().slice(0, LONGEST_SEARCH);
    if (!trial || !text || trial.searched.includes(text) || trial.searched.length >= MOST_SEARCHES) return;
    trial.searched.push(text);
  }

  /** Ends the trial: its log as the server takes it, or null when nothing was browsed. */
  finish() {
    const trial = this.trial;
    this.trial = null;
    if (!trial || (!trial.opened.size && !trial.searched.length && !trial.pinned.size)) return null;
    return { opened: [...trial.opened], searched: trial.searched.slice(), pinned: [...trial.pinned] };
  }
}
