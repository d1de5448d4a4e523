// session.js — one annotator's run through the study: show an item, collect the
// answer with its trial's telemetry and browsing log, hand it to the outbox, give practice feedback, mark
// the switch to the test, undo, pause, and know when there is nothing left, the quota is
// met or the study has ended the participant's path. The other modules do the work; this
// one decides the order.
import * as api from './api.js';
import { BrowsingLog } from './browsing.js';
import { Catalog, digitFor } from './catalog.js';
import { Clock } from './clock.js';
import { CoarseAnswers } from './coarse-answers.js';
import { CoarseOffers } from './coarse-offers.js';
import { CompareTray } from './compare-tray.js';
import { ExampleStore } from './examples.js';
import { renderAnsweredElsewhere, renderChecking, renderRefused, renderVerdict } from './feedback.js';
import { Finder } from './finder.js';
import { Guesses } from './guesses.js';
import { uuid4 } from './ids.js';
import { Leases } from './leases.js';
import { mark, record } from './metrics.js';
import { Outbox } from './outbox.js';
import { hasEnded, quotaOf } from './participation.js';
import { Picker } from './picker.js';
import { MOST_PINS, Pins } from './pins.js';
import { Progress } from './progress.js';
import { coarseRank, isRight } from './scoring.js';
import { Stage } from './stage.js';
import { TrialTelemetry } from './telemetry.js';
import { CategoryTree } from './tree.js';
import { TreeView } from './tree-view.js';

// The server allows undo for 120 s; stop offering it a little earlier so a click made
// just before the deadline does not reach the server just after it.
const UNDO_WINDOW_MS = 115_000;
const UNDO_WAIT_MS = 8_000;
const WAIT_RETRY_MS = 20_000;
const ME_REFRESH_MS = 10_000;

export class Session {
  /** `onEnd(me)` is called once, when there is nothing more to label (the page is hidden by then). */
  /** `hierarchy`: the dataset's inner nodes ({nodes}), or null without one. */
  constructor({ me, categories, hierarchy = null, dom, onEnd = () => {} }) {
    this.dom = dom;
    this.me = me;
    this.onEnd = onEnd;
    this.settings = { max_guesses: 1, exposure_ms: null, ...(me.settings ?? {}) };
    this.categories = categories;
    this.digitKeys = categories.length <= 10;
    this.mode = 'loading'; // loading | answer | feedback | switch | waiting | done
    this.paused = false;
    this.current = null;   // {item, onset, shownAt}
    this.last = null;      // the latest answer, while it can still be undone
    this.lastPhase = null;
    // A touch-first device counts as used by touch until a key is pressed: focusing the
    // search box there, even once on load, would open the on-screen keyboard.
    this.pointerUsed = matchMedia('(hover: none) and (pointer: coarse)').matches;
    this.since = { test: 0, practice: 0, practiceCorrect: 0, writes: 0 };
    this.times = [];
    this.meFetchedAt = Date.now();
    const who = `${me.dataset}/${me.name}`;
    this.seenTestKey = `refhuman.seen-test.${who}`;

    this.outbox = new Outbox(`refhuman.outbox.${who}`);
    this.leases = new Leases(() => this.#heldIds());
    // Answers restored from an earlier visit: once one lands, a lease answered just before it
    // could still list its item, so they count as answered like the ones given on this page.
    for (const id of this.outbox.itemIds()) this.leases.markAnswered(id);
    this.stage = new Stage(dom.stageBox);
    this.clock = new Clock();
    this.telemetry = new TrialTelemetry();
    this.browsing = new BrowsingLog();
    this.examples = new ExampleStore(categories, api.getExamples);
    const examplesOf = (index) => this.examples.urls(index);
    this.catalog = new Catalog(dom.catalog, categories, { digitKeys: this.digitKeys });
    const tree = new CategoryTree(categories, hierarchy?.nodes ?? []);
    // Without the study's leave, no node is an answer: no button, no key, no offer.
    this.coarse = new CoarseAnswers({ allowed: me.allow_coarse === true && tree.hasHierarchy, tree, nodes: hierarchy?.nodes ?? [] });
    const coarse = this.coarse.allowed ? this.coarse : null;
    this.treeView = tree.hasHierarchy ? new TreeView(dom.tree, tree, categories, examplesOf, coarse) : null;
    this.picker = new Picker({
      catalog: this.catalog, treeView: this.treeView, tree: tree.hasHierarchy ? tree : null, toggle: dom.pickerMode,
    });
    this.pins = new Pins();
    this.tray = new CompareTray(dom.tray, categories, examplesOf);
    this.guesses = new Guesses(this.settings.max_guesses, dom.chips, (i) => this.nameOf(i));
    this.offers = coarse ? new CoarseOffers(dom.coarseOffers, (i) => this.nameOf(i)) : null;
    this.finder = new Finder(dom.search, this.picker, dom.matchSummary, { coarse, offers: this.offers });
    this.progress = new Progress({ badge: dom.phaseBadge, text: dom.progress, sync: dom.sync });
    this.#wire();
  }

  #wire() {
    const { dom } = this;
    this.catalog.addEventListener('pick', (e) => this.pick(e.detail.index, { keyboard: e.detail.keyboard, toggle: true }));
    this.catalog.addEventListener('leave', () => this.focusSearch());
    for (const source of [this.catalog, this.treeView, this.finder].filter(Boolean)) {
      source.addEventListener('pin', (e) => this.togglePin(e.detail.index));
      source.addEventListener('more', (e) => this.moreExamples(e.detail.index));
    }
    if (this.treeView) {
      this.treeView.addEventListener('pick', (e) => this.pick(e.detail.index, { keyboard: e.detail.keyboard, toggle: true }));
      this.treeView.addEventListener('leave', () => this.focusSearch());
    }
    this.finder.addEventListener('searched', (e) => this.browsing.noteSearch(e.detail.query));
    this.tray.addEventListener('take', (e) => this.pick(e.detail.index, { keyboard: e.detail.keyboard }));
    this.tray.addEventListener('more', (e) => this.moreExamples(e.detail.index));
    this.tray.addEventListener('unpin', (e) => this.pins.remove(e.detail.index));
    this.tray.addEventListener('clear', () => this.pins.clear());
    this.tray.addEventListener('leave', () => this.focusSearch());
    this.pins.addEventListener('change', () => {
      const pinned = this.pins.values;
      this.tray.show(pinned);
      this.catalog.markPinned(pinned);
      this.treeView?.markPinned(pinned);
    });
    this.finder.addEventListener('take', (e) => this.pick(e.detail.index, { keyboard: true }));
    this.offers?.addEventListener('pick', (e) => this.pick(e.detail.index, { keyboard: e.detail.keyboard }));
    this.offers?.addEventListener('leave', () => this.focusSearch());
    this.finder.addEventListener('submit', () => this.submit());
    this.finder.addEventListener('pop', () => { if (this.mode === 'answer') this.guesses.pop(); });
    this.guesses.addEventListener('change', () => this.#guessesChanged());
    dom.submit.addEventListener('click', () => this.submit());
    dom.abstain.addEventListener('click', () => this.abstain());
    dom.undo.addEventListener('click', () => this.undo());
    dom.pause.addEventListener('click', () => this.togglePause());
    dom.resume.addEventListener('click', () => this.togglePause());
    dom.next.addEventListener('click', () => this.continueAfterFeedback());
    this.outbox.addEventListener('change', () => this.#outboxChanged());
    addEventListener('pointerdown', (e) => { this.pointerUsed = e.pointerType !== 'mouse' || this.pointerUsed; });
    addEventListener('keydown', () => { this.pointerUsed = false; }, true);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.outbox.kick();
    });
    // Keep the retry countdown honest while answers are waiting.
    setInterval(() => { if (this.outbox.state === 'retrying') this.progress.showSync(this.outbox); }, 1000);
  }

  async start() {
    this.#showProgress();
    this.progress.showSync(this.outbox);
    // With one guess allowed, "No guess yet: pick a category." already says it all.
    this.dom.maxGuesses.textContent = `Give up to ${this.settings.max_guesses} guesses, best first.`;
    this.dom.maxGuesses.hidden = this.settings.max_guesses === 1;
    this.#guessesChanged();
    this.outbox.kick(); // answers left unsent by an earlier visit go first
    await this.leases.refill();
    await this.advance(null);
    this.#returnFocus();
  }

  // ---- showing items -------------------------------------------------------------

  /** Shows the next item; `startMark` times the gap the annotator waited for it. */
  async advance(startMark) {
    this.mode = 'loading';
    this.#setAnswerEnabled(false);
    let item = this.leases.shift();
    if (!item) {
      this.stage.clear();
      this.stage.say('Fetching the next image…');
      await this.leases.refill();
      item = this.leases.shift(); // still timed: an empty queue is a prefetch that fell behind
    }
    // Past the quota a leased test item is never shown: the server would refuse its answer.
    if (!item || (item.phase === 'test' && this.#quotaMet())) { await this.#nothingLeft(); return; }
    if (item.phase === 'test' && this.#needsSwitchMarker()) {
      this.stage.clear(); // the last practice image must not linger into the test
      // A study with a practice pass mark decides only now whether the test follows.
      if (this.me.participation && await this.#endedAfterPractice()) return;
      await this.#showSwitchMarker();
      startMark = null;
    }
    await this.#display(item, startMark);
    this.leases.refill();
  }

  async #display(item, startMark) {
    this.current = { item, onset: null, shownAt: null };
    this.lastPhase = item.phase;
    this.dom.workspace.dataset.phase = item.phase;
    this.#showProgress();
    const onset = await this.stage.show(item);
    if (this.current?.item !== item) return; // superseded by an undo meanwhile
    if (startMark) record('nextImage', startMark, mark('image-shown', onset));
    this.current.onset = onset;
    this.current.shownAt = new Date(performance.timeOrigin + onset).toISOString();
    this.clock.start(onset);
    // Measured now, just after the paint, when reading the layout costs nothing.
    this.telemetry.start(onset, this.stage.shownSize());
    this.browsing.start(this.pins.values);
    this.stage.startExposure(this.settings.exposure_ms);
    if (this.paused) {
      const at = performance.now();
      this.clock.pause(at);
      this.telemetry.pause(at);
      this.stage.setPaused(true);
    }
    this.mode = 'answer';
    this.#setAnswerEnabled(true);
  }

  #needsSwitchMarker() {
    if (this.lastPhase === 'practice') return true;
    // Reloaded right at the boundary: show the marker once per annotator.
    return this.lastPhase === null && this.me.practice_target > 0 && !localStorage.getItem(this.seenTestKey);
  }

  #showSwitchMarker() {
    this.mode = 'switch';
    const done = this.me.practice_done + this.since.practice;
    const correct = this.me.practice_correct + this.since.practiceCorrect;
    this.dom.switchScore.textContent = done
      ? `You got ${correct} of ${done} practice images right.` : '';
    const dialog = this.dom.switchDialog;
    this.dom.workspace.dataset.phase = 'test';
    this.#showProgress('test');
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        try { localStorage.setItem(this.seenTestKey, '1'); } catch { /* private mode */ }
        resolve();
      }, { once: true });
      dialog.showModal();
    });
  }

  /**
   * After the last practice answer: has the server ended the path (practice below the pass
   * mark)? Then the finish follows instead of the test. A server that cannot be asked now
   * is asked again after the next answer, so the test goes ahead.
   */
  async #endedAfterPractice() {
    this.mode = 'waiting';
    let me;
    try {
      me = await this.#meAfterSaving();
    } catch {
      return false;
    }
    this.stage.say('');
    if (!hasEnded(me.participation)) return false;
    return this.#adoptMe(me);
  }

  /** Waits until unsent answers are stored, then asks the server where this person stands. */
  async #meAfterSaving() {
    if (this.outbox.size) {
      this.stage.say('Saving your last answers…');
      await this.outbox.drained();
    }
    return api.getMe();
  }

  /** True once this person has labelled the study's quota of test items. */
  #quotaMet() {
    const quota = quotaOf(this.me);
    return quota !== null && this.me.test_done + this.since.test >= quota;
  }

  async #nothingLeft() {
    this.mode = 'waiting';
    this.current = null;
    this.stage.clear();
    let me;
    try {
      me = await this.#meAfterSaving();
    } catch (error) {
      this.stage.say(`Cannot reach the server (${error.message}). Trying again shortly.`);
      setTimeout(() => { if (this.mode === 'waiting') this.advance(null); }, 5000);
      return;
    }
    if (this.mode !== 'waiting') return; // an undo brought an image back meanwhile
    if (this.#adoptMe(me)) return;
    if (me.phase === 'done') { this.#end(me); return; }
    if (this.#quotaMet()) {
      // The server has every answer but has not closed the path yet: ask again shortly.
      this.stage.say('Finishing…');
      setTimeout(() => { if (this.mode === 'waiting') this.advance(null); }, 5000);
      return;
    }
    if (await this.leases.refill() && this.mode === 'waiting') { await this.advance(null); return; }
    this.stage.say('No image is free right now: other annotators hold the rest. Checking again in 20 s.');
    setTimeout(() => { if (this.mode === 'waiting') this.advance(null); }, WAIT_RETRY_MS);
  }

  // ---- answering -----------------------------------------------------------------

  pickDigit(digit) {
    const index = this.categories.findIndex((c) => digitFor(c.index) === String(digit));
    if (index >= 0) this.pick(index, { keyboard: true, toggle: true });
  }

  pick(index, { keyboard = false, toggle = false } = {}) {
    if (this.mode !== 'answer' || this.paused) {
      if (this.mode === 'feedback') this.#hint('Press “Next image” to go on.');
      return;
    }
    if (toggle && this.guesses.has(index) && (this.settings.max_guesses > 1 || !keyboard)) {
      this.guesses.remove(index);
      return;
    }
    const outcome = this.guesses.add(index);
    if (outcome === 'full') this.#hint(`You already have ${this.settings.max_guesses} guesses. Remove one to add another.`);
    else if (outcome === 'present') this.#hint(`${this.nameOf(index)} is already guess #${this.guesses.values.indexOf(index) + 1}.`);
    if (keyboard && this.guesses.full && document.activeElement?.closest?.('.card, [role="treeitem"], .compare-tray, .coarse-offers')) {
      this.dom.submit.focus();
    }
  }

  /** Pins a category in the compare tray, or unpins it; a fifth is refused with a word why. */
  togglePin(index) {
    const outcome = this.pins.toggle(index);
    if (outcome === 'full') this.tray.say(`The tray holds ${MOST_PINS} categories: unpin one first.`);
    else if (outcome === 'added') this.browsing.notePinned(index);
  }

  /** Fetches the next page of a category's examples and shows them wherever it is on screen. */
  async moreExamples(index) {
    this.browsing.noteOpened(index);
    try {
      await this.examples.more(index);
    } catch (error) {
      this.#hint(`Could not load more examples of ${this.catalog.nameOf(index)} (${error.message}).`);
      return;
    }
    const urls = this.examples.urls(index);
    const more = this.examples.hasMore(index);
    this.catalog.showExamples(index, urls, { more });
    this.treeView?.showExamples(index, urls);
    this.tray.refresh(index, { more });
  }

  abstain() { this.submit({ abstained: true }); }

  submit({ abstained = false } = {}) {
    // Enter after practice feedback means "go on", just as it meant "answer" before.
    if (this.mode === 'feedback' && !abstained) { this.continueAfterFeedback(); return; }
    if (this.mode !== 'answer' || this.paused || !this.current?.onset) return;
    const guesses = abstained ? [] : this.guesses.values;
    if (!abstained && guesses.length === 0) {
      this.#hint('Pick a category first, or choose “Can’t tell”.');
      return;
    }
    const startMark = mark('answer');
    const answeredAt = performance.now();
    const { item, shownAt } = this.current;
    const judgement = {
      uuid: uuid4(),
      item_id: item.item_id,
      guesses,
      abstained,
      response_ms: Math.round(this.clock.elapsed(answeredAt)),
      shown_at: shownAt,
    };
    // Part of the judgement, so the outbox keeps it for every retry and across reloads.
    const telemetry = this.telemetry.finish(answeredAt, {
      measuredExposureMs: this.settings.exposure_ms ? this.stage.measuredExposure() : null,
    });
    if (telemetry) judgement.telemetry = telemetry;
    this.finder.endSearch();
    const browsing = this.browsing.finish();
    if (browsing) judgement.browsing = browsing;
    this.outbox.add(judgement);
    this.leases.markAnswered(item.item_id);
    this.since.writes += 1;
    if (item.phase === 'test') {
      this.since.test += 1;
      this.times.push(judgement.response_ms);
    } else {
      this.since.practice += 1;
    }
    // A practice answer's truth is shown at once, so it cannot be taken back (the server refuses too).
    if (item.phase === 'test') {
      this.#rememberForUndo(judgement, item);
    } else {
      clearTimeout(this.undoTimer);
      this.last = null;
      this.dom.undo.disabled = true;
    }
    this.current = null;
    this.stage.stopExposure();
    this.guesses.clear();
    this.finder.clear();
    if (item.phase === 'practice') {
      this.#showFeedback(judgement);
    } else {
      this.#returnFocus();
      this.advance(startMark);
    }
  }

  async #showFeedback(judgement) {
    this.mode = 'feedback';
    this.#setAnswerEnabled(false);
    this.stage.reveal();
    const panel = this.dom.feedback;
    this.feedbackFor = judgement.uuid;
    renderChecking(panel, { queued: this.outbox.state === 'retrying' });
    this.dom.answer.hidden = true;
    this.dom.feedbackBox.hidden = false;
    this.#showProgress();
    if (!this.pointerUsed) this.dom.next.focus();
    try {
      const receipt = await this.outbox.receipt(judgement.uuid);
      const right = isRight(judgement.guesses, receipt.true_category, this.settings.max_guesses);
      const rank = right ? -1 : coarseRank(judgement.guesses, receipt.true_category, this.settings.max_guesses,
        (guess, truth) => this.coarse.covers(guess, truth));
      if (right) this.since.practiceCorrect += 1;
      if (this.last?.uuid === judgement.uuid) this.last.correct = right;
      this.#showProgress();
      if (this.feedbackFor !== judgement.uuid || this.mode !== 'feedback') return;
      renderVerdict(panel, {
        right,
        receipt,
        guesses: judgement.guesses,
        maxGuesses: this.settings.max_guesses,
        coarse: rank < 0 ? null : { rank, node: this.coarse.tree.node(this.coarse.keyOf(judgement.guesses[rank])).name },
        cardOf: (answer) => this.categories[answer] ?? { name: this.nameOf(answer), examples: [] },
        accuracy: {
          done: this.me.practice_done + this.since.practice,
          correct: this.me.practice_correct + this.since.practiceCorrect,
        },
      });
    } catch (error) {
      if (this.feedbackFor !== judgement.uuid || this.mode !== 'feedback') return;
      if (api.isAlreadyJudged(error)) renderAnsweredElsewhere(panel);
      else if (error instanceof api.ApiError) renderRefused(panel, error.message);
    }
  }

  continueAfterFeedback() {
    if (this.mode !== 'feedback' || this.paused) return;
    this.feedbackFor = null;
    this.#hideFeedback();
    this.#returnFocus();
    this.advance(mark('next-after-feedback'));
  }

  #hideFeedback() {
    this.dom.feedbackBox.hidden = true;
    this.dom.answer.hidden = false;
  }

  // ---- undo ----------------------------------------------------------------------

  #rememberForUndo(judgement, item, previous = null) {
    clearTimeout(this.undoTimer);
    this.last = previous
      ?? { uuid: judgement.uuid, item, guesses: judgement.guesses, phase: item.phase, at: Date.now(), correct: null };
    this.dom.undo.disabled = false;
    const left = UNDO_WINDOW_MS - (Date.now() - this.last.at);
    this.undoTimer = setTimeout(() => { this.last = null; this.dom.undo.disabled = true; }, left);
  }

  /**
   * Takes an answer back: still in the outbox, it simply never leaves; already sent (or
   * on its way), it is undone on the server once its receipt is in. A send stuck on a
   * dead connection is waited out for a few seconds, since it may yet be withdrawn.
   */
  async #takeBack(last) {
    const deadline = Date.now() + UNDO_WAIT_MS;
    const receipt = this.outbox.receipt(last.uuid).then((r) => ({ r }), (error) => ({ error }));
    while (!this.outbox.withdraw(last.uuid)) {
      const settled = await Promise.race([receipt, new Promise((ok) => setTimeout(ok, 250))]);
      if (settled?.r) {
        last.correct = isRight(last.guesses, settled.r.true_category, this.settings.max_guesses);
        await api.deleteJudgement(last.uuid);
        return;
      }
      if (settled?.error) throw settled.error;
      if (Date.now() > deadline) throw new Error('the server is not answering; try again in a moment');
    }
  }

  async undo() {
    const last = this.last;
    if (!last || this.paused || this.mode === 'loading' || this.mode === 'switch'
        || Date.now() - last.at > UNDO_WINDOW_MS) return;
    this.last = null;
    clearTimeout(this.undoTimer);
    this.dom.undo.disabled = true;
    const previousMode = this.mode;
    this.mode = 'loading';
    try {
      await this.#takeBack(last);
    } catch (error) {
      this.mode = previousMode;
      this.#hint(`Could not undo: ${error.message}`);
      if (Date.now() - last.at < UNDO_WINDOW_MS) this.#rememberForUndo({ uuid: last.uuid }, last.item, last);
      return;
    }
    if (last.phase === 'test') {
      this.since.test -= 1;
      this.times.pop();
    } else {
      this.since.practice -= 1;
      if (last.correct) this.since.practiceCorrect -= 1;
    }
    this.since.writes += 1;
    if (this.current) this.leases.unshift(this.current.item);
    this.current = null;
    this.feedbackFor = null;
    this.#hideFeedback();
    this.leases.unshift(last.item);
    const item = this.leases.shift();
    await this.#display(item, null);
    this.guesses.set(last.guesses);
    this.#hint('Undone. The image is back; answer it again.');
    this.#returnFocus();
  }

  // ---- pause ---------------------------------------------------------------------

  togglePause() {
    if (this.mode === 'done') return;
    this.paused = !this.paused;
    const at = performance.now();
    if (this.paused) {
      this.clock.pause(at);
      this.telemetry.pause(at);
    } else {
      this.clock.resume(at);
      this.telemetry.resume(at);
    }
    this.stage.setPaused(this.paused);
    this.dom.pause.setAttribute('aria-pressed', String(this.paused));
    this.dom.pause.textContent = this.paused ? 'Resume' : 'Pause';
    this.dom.workspace.classList.toggle('is-paused', this.paused);
    this.#setAnswerEnabled(this.mode === 'answer');
    this.#showProgress();
    if (this.paused) this.dom.resume.focus(); else this.#returnFocus();
  }

  // ---- small helpers -------------------------------------------------------------

  focusSearch() { this.finder.focus(); }

  /** A guess as the annotator reads it: a category's name, or a coarse answer's "dog (any kind)". */
  nameOf(answer) {
    return this.coarse.label(answer) ?? this.catalog.nameOf(answer);
  }

  #returnFocus() {
    // On touch screens focusing the search box would pop up the keyboard every time.
    if (this.pointerUsed) document.activeElement?.blur?.();
    else this.finder.focus();
  }

  #heldIds() {
    const ids = this.outbox.itemIds();
    if (this.current) ids.push(this.current.item.item_id);
    return ids;
  }

  #setAnswerEnabled(enabled) {
    const on = enabled && !this.paused;
    this.dom.submit.disabled = !on || this.guesses.values.length === 0;
    this.dom.abstain.disabled = !on;
  }

  #guessesChanged() {
    const values = this.guesses.values;
    this.catalog.markChosen(values);
    this.treeView?.markChosen(values);
    this.#setAnswerEnabled(this.mode === 'answer');
    this.dom.chipsEmpty.hidden = values.length > 0;
    this.#hint('');
  }

  #hint(text) {
    this.dom.hint.textContent = text;
  }

  #outboxChanged() {
    this.progress.showSync(this.outbox);
    if (this.outbox.size === 0 && this.outbox.state === 'idle') this.#maybeRefreshMe();
  }

  /** Re-reads the server's counts now and then, when nothing is in flight to confuse them. */
  async #maybeRefreshMe() {
    if (Date.now() - this.meFetchedAt < ME_REFRESH_MS) return;
    this.meFetchedAt = Date.now();
    const writes = this.since.writes;
    try {
      const me = await api.getMe();
      if (writes === this.since.writes && this.outbox.size === 0) this.#adoptMe(me);
    } catch { /* the next refresh will do */ }
  }

  /** The server's fresh word on this person (after they returned the study, say); true when it ends the labelling. */
  adopt(me) {
    return this.#adoptMe(me);
  }

  /** Takes the server's word for the counts; true when it says the path has ended (and ends it here). */
  #adoptMe(me) {
    this.me = me;
    this.since = { test: 0, practice: 0, practiceCorrect: 0, writes: this.since.writes };
    this.#showProgress();
    if (!hasEnded(me.participation)) return false;
    this.#end(me);
    return true;
  }

  /** Nothing more to label: the workspace gives way to the done page or the finish screen. */
  #end(me) {
    if (this.mode === 'done') return;
    this.mode = 'done';
    this.current = null;
    clearTimeout(this.undoTimer);
    this.last = null;
    this.stage.stopExposure();
    this.#showProgress('done');
    this.stage.say('');
    this.dom.switchDialog.close?.();
    this.dom.workspace.hidden = true;
    this.dom.pause.hidden = true; // nothing left to pause
    this.onEnd(me);
  }

  #showProgress(phaseOverride) {
    const { me, since } = this;
    const phase = phaseOverride ?? (this.mode === 'done' ? 'done'
      : this.lastPhase ?? (me.phase === 'done' ? 'test' : me.phase));
    const mean = this.times.length ? this.times.reduce((a, b) => a + b, 0) / this.times.length : 0;
    this.progress.show({
      phase,
      practiceDone: me.practice_done + since.practice,
      practiceTarget: me.practice_target,
      practiceCorrect: me.practice_correct + since.practiceCorrect,
      testDone: me.test_done + since.test,
      testLeft: Math.max(0, me.test_remaining - since.test),
      quota: quotaOf(me),
      msPerItem: mean,
      paused: this.paused,
    });
  }
}
