// telemetry.js — one trial's integrity telemetry: hidden tab, lost focus, fullscreen exits, sizes.

/**
 * One kind of absence (tab hidden, window without focus): how often it began and how
 * long it lasted in all. An absence already under way when counting starts adds its
 * time but is not counted as a new one: it began before the trial.
 */
class Absence {
  constructor() {
    this.count = 0;
    this.totalMs = 0;
    this.since = null;
  }

  begin(at, { counted = true } = {}) {
    if (this.since !== null) return;
    this.since = at;
    if (counted) this.count += 1;
  }

  end(at) {
    if (this.since === null) return;
    this.totalMs += Math.max(0, at - this.since);
    this.since = null;
  }

  /** The time absent up to `at`, an absence still open included. */
  msUntil(at) {
    return this.totalMs + (this.since === null ? 0 : Math.max(0, at - this.since));
  }
}

const isHidden = () => document.visibilityState === 'hidden';
const hasFocus = () => document.hasFocus();

/** A whole number ≥ `min`, or undefined (left out of the wire object) when it is not one. */
const wholeAtLeast = (value, min) => {
  const n = Math.round(value);
  return Number.isFinite(n) && n >= min ? n : undefined;
};

/**
 * The observations of the trial under way. It counts only while the response clock runs:
 * from image onset (`start`) to the answer (`finish`), with pauses left out (`pause`,
 * `resume`), so its times never exceed the trial's response_ms. Between trials it ignores
 * every event.
 */
export class TrialTelemetry {
  constructor() {
    this.trial = null; // {hidden, blurred, fullscreenExits, image, running}
    document.addEventListener('visibilitychange', () => {
      if (!this.trial?.running) return;
      if (isHidden()) this.trial.hidden.begin(performance.now());
      else this.trial.hidden.end(performance.now());
    });
    // Only the window's own focus changes: an element's blur does not bubble up here.
    addEventListener('blur', (event) => {
      if (event.target === window && this.trial?.running) this.trial.blurred.begin(performance.now());
    });
    addEventListener('focus', (event) => {
      if (event.target === window && this.trial?.running) this.trial.blurred.end(performance.now());
    });
    document.addEventListener('fullscreenchange', () => {
      if (this.trial?.running && !document.fullscreenElement) this.trial.fullscreenExits += 1;
    });
  }

  /** Starts a trial at `at` (the image's onset); `image` is its {width, height} on screen. */
  start(at, image) {
    this.trial = { hidden: new Absence(), blurred: new Absence(), fullscreenExits: 0, image, running: false };
    this.resume(at);
  }

  pause(at = performance.now()) {
    const trial = this.trial;
    if (!trial?.running) return;
    trial.hidden.end(at);
    trial.blurred.end(at);
    trial.running = false;
  }

  resume(at = performance.now()) {
    const trial = this.trial;
    if (!trial || trial.running) return;
    trial.running = true;
    if (isHidden()) trial.hidden.begin(at, { counted: false });
    if (!hasFocus()) trial.blurred.begin(at, { counted: false });
  }

  /**
   * Ends the trial at `at` (the answer) and returns its telemetry as the server takes it
   * (snake_case, whole numbers where it wants integers), or null when no trial was
   * running. A value out of the server's range is left out rather than sent, since a
   * refused judgement would be lost. `measuredExposureMs` is null without an exposure limit.
   */
  finish(at, { measuredExposureMs = null } = {}) {
    const trial = this.trial;
    if (!trial) return null;
    this.pause(at);
    this.trial = null;
    const values = {
      hidden_count: trial.hidden.count,
      hidden_ms: wholeAtLeast(trial.hidden.msUntil(at), 0),
      blur_count: trial.blurred.count,
      blur_ms: wholeAtLeast(trial.blurred.msUntil(at), 0),
      fullscreen_exits: trial.fullscreenExits,
      viewport_width: wholeAtLeast(window.innerWidth, 1),
      viewport_height: wholeAtLeast(window.innerHeight, 1),
      device_pixel_ratio: window.devicePixelRatio > 0 ? window.devicePixelRatio : undefined,
      image_width: wholeAtLeast(trial.image?.width, 0),
      image_height: wholeAtLeast(trial.image?.height, 0),
      measured_exposure_ms: Number.isFinite(measuredExposureMs) && measuredExposureMs >= 0
        ? Math.round(measuredExposureMs * 10) / 10 : undefined,
    };
    return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  }
}
