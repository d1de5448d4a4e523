// enrol-view.js — the enrolment page's view: shows one part of enrol.html at a time (checking,
// an MTurk preview of the study, or in MTurk's frame the link that opens it in a new window,
// a refusal, the server unreachable), moves the keyboard focus to what appeared, and reports
// the retry button. No server calls.
import { renderIntro } from './study-facts.js';

const PARTS = {
  checking: 'enrol-checking',
  preview: 'enrol-preview',
  refused: 'enrol-refused',
  unreachable: 'enrol-unreachable',
};

// Where the focus goes when a part appears: its heading, or the one thing to press.
const FOCUS = { preview: 'enrol-preview-title', refused: 'enrol-refused-title', unreachable: 'enrol-retry' };

export class EnrolView {
  constructor(doc) {
    this.doc = doc;
    this.main = doc.querySelector('main');
    this.problemLine = doc.getElementById('enrol-problem');
    this.retry = doc.getElementById('enrol-retry');
  }

  /** Shows `part` alone. */
  show(part) {
    for (const [key, id] of Object.entries(PARTS)) this.doc.getElementById(id).hidden = key !== part;
    this.main.dataset.part = part;
    if (FOCUS[part]) this.doc.getElementById(FOCUS[part]).focus();
  }

  /** An MTurk preview: the study's introduction and "Accept the HIT to start". */
  preview(study) {
    const $ = (id) => this.doc.getElementById(id);
    renderIntro({ title: $('enrol-preview-title'), facts: $('enrol-facts'), text: $('enrol-instructions') }, study);
    this.doc.title = `${study?.title || 'A study'} · RefHuman`;
    this.show('preview');
  }

  /**
   * Inside MTurk's frame, for an accepted HIT: the study's introduction and a link that opens
   * `url` (the study with the ids) in a window of its own, with the focus on that link.
   */
  openWindow(study, url) {
    const $ = (id) => this.doc.getElementById(id);
    renderIntro({ title: $('enrol-preview-title'), facts: $('enrol-facts'), text: $('enrol-instructions') }, study);
    this.doc.title = `${study?.title || 'A study'} · RefHuman`;
    $('enrol-kicker').textContent = 'Your HIT';
    $('enrol-accept').hidden = true;
    $('enrol-open').href = url;
    $('enrol-open-box').hidden = false;
    this.show('preview');
    $('enrol-open').focus();
  }

  /** A refusal: its heading, the server's words in one line, and what to do. */
  refused({ title, message, hint }) {
    this.doc.getElementById('enrol-refused-title').textContent = title;
    this.doc.getElementById('enrol-refused-line').textContent = message;
    const hintLine = this.doc.getElementById('enrol-refused-hint');
    hintLine.textContent = hint ?? '';
    hintLine.hidden = !hint;
    this.show('refused');
  }

  /** While a request is out the retry button refuses presses but keeps the focus. */
  busy(on) {
    this.main.setAttribute('aria-busy', String(on));
    if (on) this.retry.setAttribute('aria-disabled', 'true'); else this.retry.removeAttribute('aria-disabled');
  }

  /** A problem to show under the current part ('' clears it). */
  problem(text) {
    this.problemLine.textContent = text;
  }

  /** Calls `handler` when "Try again" is pressed. */
  onRetry(handler) {
    this.retry.addEventListener('click', (event) => {
      event.preventDefault();
      if (this.retry.getAttribute('aria-disabled') !== 'true') handler();
    });
  }
}
