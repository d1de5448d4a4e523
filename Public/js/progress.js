// progress.js — the header's account of where the annotator stands: the phase, items
// done and left (or done of the study's quota), time per item, and whether every answer
// has reached the server.

export class Progress {
  constructor({ badge, text, sync }) {
    this.badge = badge;
    this.text = text;
    this.sync = sync;
  }

  /** `quota`: the test items this person is to label, when the study sets one (else null). */
  show({ phase, practiceDone, practiceTarget, practiceCorrect, testDone, testLeft, quota = null, msPerItem, paused }) {
    this.badge.dataset.phase = phase;
    this.badge.textContent = { practice: 'Practice', test: 'Test', done: 'Done' }[phase] ?? phase;
    let text;
    if (phase === 'practice') {
      const percent = practiceDone ? ` (${Math.round((100 * practiceCorrect) / practiceDone)} %)` : '';
      text = `${practiceDone} of ${practiceTarget} practice images · ${practiceCorrect} right${percent}`;
    } else {
      text = quota === null ? `${testDone} done · ${testLeft} left` : `${Math.min(testDone, quota)} of ${quota}`;
      if (msPerItem) text += ` · ${(msPerItem / 1000).toFixed(1)} s per image`;
    }
    if (paused) text += ' · paused';
    this.text.textContent = text;
  }

  showSync(outbox) {
    const n = outbox.size;
    const answers = `${n} answer${n === 1 ? '' : 's'}`;
    let text = '';
    let tone = 'ok';
    if (outbox.state === 'signed-out') {
      text = `Signed out: open your invite link again to send ${answers} kept on this page.`;
      tone = 'bad';
    } else if (outbox.state === 'retrying' && n) {
      const seconds = Math.max(1, Math.round((outbox.retryAt - Date.now()) / 1000));
      text = `${answers} not saved yet (${outbox.lastError}); kept on this page, retrying in ${seconds} s`;
      tone = 'warn';
    } else if (n > 1) {
      text = `Saving ${answers}…`;
    }
    if (outbox.rejected.length) {
      const r = outbox.rejected.length;
      text += `${text ? ' · ' : ''}${r} answer${r === 1 ? ' was' : 's were'} refused: ${outbox.rejected.at(-1).error.message}`;
      tone = 'bad';
    }
    this.sync.textContent = text;
    this.sync.dataset.tone = tone;
    this.sync.dataset.pending = String(n);
    this.sync.dataset.state = outbox.state;
  }
}
