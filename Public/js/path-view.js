// path-view.js — the annotator page's screens around the labelling, for a study's
// participants: the instructions, the consent question, and the finish screen with its code,
// its link back to Prolific or its form for MTurk. Shows them and reports the buttons
// pressed; no server calls.
import { renderMarkdownLite } from './markdown-lite.js';
import { OUTCOMES } from './participation.js';
import { renderIntro } from './study-facts.js';

const SCREENS = ['intro', 'consent', 'finish'];

const FINISH_TEXT = {
  redirect: (label) => `Press “${label}” to finish.`,
  form: 'Press “Submit to MTurk” to finish the HIT.',
  code: 'Copy this code and enter it where the study asks for it.',
};

export class PathView {
  constructor(doc) {
    this.doc = doc;
    const $ = (id) => doc.getElementById(id);
    this.$ = $;
    this.buttons = [$('intro-continue'), $('consent-agree'), $('consent-decline')];
    $('finish-copy').addEventListener('click', () => this.#copy());
  }

  /** Shows one of intro, consent and finish (or none, with null), and hides the loading line. */
  show(screen) {
    for (const name of SCREENS) this.$(name).hidden = name !== screen;
    this.$('loading').hidden = true;
    if (screen) this.$('workspace').hidden = true;
  }

  /** The instructions: title, time, pay, the images to label, and what to do. */
  intro(participation) {
    const $ = this.$;
    renderIntro({ title: $('intro-title'), facts: $('intro-facts'), text: $('intro-instructions') }, participation);
    $('intro-instructions-title').hidden = $('intro-instructions').hidden;
    this.show('intro');
    $('intro-continue').focus();
  }

  /**
   * The consent text and its version, with "I agree" and "I do not agree". The focus goes to
   * the heading, not to a button, so a key pressed on the way cannot answer for the person.
   */
  consent(participation, { changed = false } = {}) {
    const $ = this.$;
    const text = participation.consent_text?.trim() ? participation.consent_text
      : 'Do you agree to take part in this study?';
    renderMarkdownLite($('consent-text'), text);
    $('consent-version').textContent = participation.consent_version || '';
    $('consent-version-line').hidden = !participation.consent_version;
    $('consent-changed').hidden = !changed;
    this.problem('');
    this.show('consent');
    $('consent-title').focus();
  }

  /** While a consent answer is out the buttons refuse presses but keep the focus. */
  busy(on) {
    for (const button of this.buttons) {
      if (on) button.setAttribute('aria-disabled', 'true'); else button.removeAttribute('aria-disabled');
    }
  }

  problem(text) {
    this.$('consent-problem').textContent = text;
  }

  /**
   * The finish screen of `finish` ({outcome, code, redirect, label, form}, from finishOf): what
   * happened, then the code, and the one button that takes the person on, which has the focus.
   */
  finish(finish) {
    const $ = this.$;
    const words = OUTCOMES[finish.outcome] ?? OUTCOMES.completed;
    $('finish-title').textContent = words.title;
    $('finish-code').textContent = finish.code ?? '';
    $('finish-code-box').hidden = !finish.code;
    $('finish-copied').textContent = '';
    $('finish-go-box').hidden = !finish.redirect;
    const form = $('finish-form');
    form.hidden = !finish.form || !!finish.redirect; // a link back wins: one way on, not two
    let focus = $('finish-title');
    let next = '';
    if (finish.redirect) {
      const go = $('finish-go');
      go.href = finish.redirect;
      go.textContent = finish.label;
      next = FINISH_TEXT.redirect(finish.label);
      focus = go;
    } else if (finish.form) {
      form.action = finish.form.action;
      for (const old of form.querySelectorAll('input[type="hidden"]')) old.remove();
      form.prepend(...finish.form.fields.map(([name, value]) => {
        const input = this.doc.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        return input;
      }));
      next = FINISH_TEXT.form;
      focus = $('finish-submit');
    } else if (finish.code) {
      next = FINISH_TEXT.code;
      focus = $('finish-copy');
    }
    $('finish-text').textContent = `${words.text} ${next}`.trim();
    this.show('finish');
    focus.focus();
  }

  /** Copies the code: the clipboard where the page may use it, else the code is selected for Ctrl+C. */
  async #copy() {
    const code = this.$('finish-code');
    const said = this.$('finish-copied');
    try {
      await navigator.clipboard.writeText(code.textContent);
      said.textContent = 'Copied.';
      return;
    } catch { /* no clipboard here (plain http, or refused): select it instead */ }
    const range = this.doc.createRange();
    range.selectNodeContents(code);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let copied = false;
    try { copied = this.doc.execCommand('copy'); } catch { copied = false; }
    said.textContent = copied ? 'Copied.' : 'The code is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  }

  /** Calls `handler` when the button for `action` (continue, agree, decline) is pressed. */
  on(action, handler) {
    const id = { continue: 'intro-continue', agree: 'consent-agree', decline: 'consent-decline' }[action];
    this.$(id).addEventListener('click', (event) => {
      event.preventDefault();
      if (this.$(id).getAttribute('aria-disabled') !== 'true') handler();
    });
  }
}
