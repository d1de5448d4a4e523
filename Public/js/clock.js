// clock.js — the response time of one item: counts from image onset and stands still
// while the annotator has paused, so a coffee break never shows up as a slow answer.

export class Clock {
  constructor() {
    this.startedAt = null;
    this.pausedAt = null;
    this.pausedTotal = 0;
  }

  start(at = performance.now()) {
    this.startedAt = at;
    this.pausedAt = null;
    this.pausedTotal = 0;
  }

  pause(at = performance.now()) {
    if (this.startedAt !== null && this.pausedAt === null) this.pausedAt = at;
  }

  resume(at = performance.now()) {
    if (this.pausedAt === null) return;
    this.pausedTotal += at - this.pausedAt;
    this.pausedAt = null;
  }

  get running() { return this.startedAt !== null && this.pausedAt === null; }

  elapsed(at = performance.now()) {
    if (this.startedAt === null) return 0;
    const end = this.pausedAt ?? at;
    return Math.max(0, end - this.startedAt - this.pausedTotal);
  }
}
