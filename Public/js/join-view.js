// join-view.js — the join page's view: shows one part of join.html at a time, gives the
// part's safe choice the keyboard focus, and reports the buttons pressed. No server calls.

const PARTS = {
  checking: 'join-checking',
  fresh: 'join-fresh',
  'signed-in': 'join-signed-in',
  unknown: 'join-unknown',
  'no-token': 'join-no-token',
  unreachable: 'join-unreachable',
};

// The button that has the focus when its part appears. Signed in already, that is "Stay":
// the choice that changes nothing, so a reflex Enter never switches accounts.
const FOCUS = { fresh: 'join-continue', 'signed-in': 'join-stay', unreachable: 'join-retry' };

const ACTIONS = { continue: 'join-continue', switch: 'join-switch', stay: 'join-stay', retry: 'join-retry' };

export class JoinView {
  constructor(doc) {
    this.doc = doc;
    this.main = doc.querySelector('main');
    this.problemLine = doc.getElementById('join-problem');
    this.buttons = [...doc.querySelectorAll('.join-choices button')];
  }

  /** Shows `part` alone; `name` fills in the account already signed in. */
  show(part, { name = '' } = {}) {
    for (const [key, id] of Object.entries(PARTS)) this.doc.getElementById(id).hidden = key !== part;
    for (const slot of this.doc.querySelectorAll('.join-current')) slot.textContent = name;
    this.main.dataset.part = part;
    if (FOCUS[part]) this.doc.getElementById(FOCUS[part]).focus();
  }

  /** While a request is out the buttons refuse presses but keep the focus where it is. */
  busy(on) {
    this.main.setAttribute('aria-busy', String(on));
    for (const button of this.buttons) {
      if (on) button.setAttribute('aria-disabled', 'true'); else button.removeAttribute('aria-disabled');
    }
  }

  /** A problem to show under the current part ('' clears it). */
  problem(text) {
    this.problemLine.textContent = text;
  }

  /** Calls `handler` when the button for `action` (continue, switch, stay, retry) is pressed. */
  on(action, handler) {
    this.doc.getElementById(ACTIONS[action]).addEventListener('click', (event) => {
      event.preventDefault();
      handler();
    });
  }
}
