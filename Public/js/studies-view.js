// studies-view.js — the admin page's view of studies, participants and invites: fills the tables and forms of admin.html, shows links to copy, asks for confirmation, moves the keyboard focus to what appeared, and reports the buttons pressed; no server calls.
import {
  FIELDS, PLATFORM_WORDS, STATE_WORDS, STATUS_WORDS, catchAccuracy, minutesText, participantSummary, practiceAccuracy, shownValue,
  stateOf, valueOf,
} from './studies.js';

function cell(doc, text, numeric = false) {
  const td = doc.createElement('td');
  td.textContent = text;
  if (numeric) td.className = 'num';
  return td;
}

/** A button that says what it does to whom (`label` on screen, `spoken` for screen readers). */
function actionButton(doc, action, name, label, spoken) {
  const button = doc.createElement('button');
  button.type = 'button';
  button.dataset.action = action;
  button.dataset.name = name;
  button.textContent = label;
  button.setAttribute('aria-label', spoken);
  return button;
}

/**
 * Runs `render`, which replaces what is inside `container`, and gives the focus back to the
 * same action of the same row if it had it (a refresh must not drop the keyboard's place).
 */
export function keepFocus(container, render) {
  const active = container.ownerDocument.activeElement;
  const held = active && container.contains(active) && active.dataset?.action
    ? [active.dataset.action, active.dataset.name] : null;
  render();
  if (!held) return;
  const again = [...container.querySelectorAll('button[data-action]')]
    .find((b) => b.dataset.action === held[0] && b.dataset.name === held[1]);
  again?.focus();
}

/** Fills a <select> with `names`, keeping the chosen one when it is still there. */
export function fillSelect(select, names) {
  const chosen = select.value;
  select.replaceChildren(...names.map((name) => new Option(name, name)));
  if (names.includes(chosen)) select.value = chosen;
}

/** A read-only link with its Copy button and a line saying what happened (one per box in admin.html). */
export class LinkBox {
  constructor(box) {
    this.box = box;
    this.title = box.querySelector('.link-title');
    this.input = box.querySelector('input');
    this.said = box.querySelector('.link-said');
    box.querySelector('.link-copy').addEventListener('click', () => this.copy());
  }

  /** Shows `url` under `title`, with the focus on the link, selected, so Ctrl+C copies it too. */
  show(title, url) {
    this.title.textContent = title;
    this.input.value = url;
    this.said.textContent = '';
    this.box.hidden = false;
    this.input.focus();
    this.input.select();
  }

  hide() {
    this.box.hidden = true;
  }

  async copy() {
    this.said.textContent = await copyText(this.input);
  }
}

/** Copies an input's value: the clipboard where the page may use it, else the value is selected. */
export async function copyText(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return 'Copied.';
  } catch { /* no clipboard here (plain http, or refused): select it instead */ }
  input.focus();
  input.select();
  let copied = false;
  try { copied = input.ownerDocument.execCommand('copy'); } catch { copied = false; }
  return copied ? 'Copied.' : 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
}

/** Adds the study fields (FIELDS) to `fieldset` as labelled inputs named by their API keys. */
export function addFields(fieldset) {
  const doc = fieldset.ownerDocument;
  for (const field of FIELDS) {
    const label = doc.createElement('label');
    label.className = field.kind === 'textarea' ? 'field wide' : 'field';
    const words = doc.createElement('span');
    words.textContent = field.label;
    const input = doc.createElement(field.kind === 'textarea' ? 'textarea' : field.kind === 'choice' ? 'select' : 'input');
    input.name = field.key;
    if (field.kind === 'textarea') input.rows = 4;
    else if (field.kind === 'choice') input.append(...field.options.map((option) => new Option(option, option)));
    else {
      input.type = 'text';
      input.autocomplete = 'off';
      if (field.kind === 'int') input.inputMode = 'numeric';
      if (field.kind === 'share') input.inputMode = 'decimal';
    }
    label.append(words, input);
    fieldset.append(label);
  }
}

/** The typed text of each study field in `form`, by key. */
export function readFields(form) {
  return Object.fromEntries(FIELDS.map((field) => [field.key, form.elements[field.key]?.value ?? '']));
}

export class StudiesView {
  constructor(doc) {
    this.doc = doc;
    const $ = (id) => doc.getElementById(id);
    this.$ = $;
    this.list = $('study-list').querySelector('tbody');
    this.line = $('studies-line');
    this.studyLink = $('study-link');
    this.plainLink = new LinkBox($('study-link-plain'));
    this.prolificLink = new LinkBox($('study-link-prolific'));
    this.editForm = $('study-edit');
    this.newForm = $('new-study');
    this.inviteForm = $('invite');
    this.inviteLink = new LinkBox($('invite-result'));
    this.annotatorLink = new LinkBox($('annotator-link'));
    this.dialog = $('confirm');
    addFields($('study-edit-fields'));
    addFields($('new-study-fields'));
  }

  /** One row per study: name, dataset, counts, state in words, and its four actions. */
  studies(studies) {
    const doc = this.doc;
    keepFocus(this.list, () => this.list.replaceChildren(...studies.map((study) => {
      const tr = doc.createElement('tr');
      const actions = doc.createElement('td');
      actions.className = 'actions';
      actions.append(
        actionButton(doc, 'link', study.name, 'Copy link', `Copy the enrolment link of ${study.name}`),
        actionButton(doc, 'edit', study.name, 'Edit', `Edit ${study.name}`),
        actionButton(doc, 'participants', study.name, 'Participants', `Show the participants of ${study.name}`),
      );
      if (stateOf(study) !== 'closed') {
        actions.append(actionButton(doc, 'close', study.name, 'Close', `Close ${study.name}`));
      }
      tr.append(cell(doc, study.name), cell(doc, study.dataset), cell(doc, study.participants ?? 0, true),
        cell(doc, study.test_judgements ?? 0, true), cell(doc, STATE_WORDS[stateOf(study)]), actions);
      tr.dataset.state = stateOf(study);
      return tr;
    })));
  }

  /** Calls `handler(action, name, button)` when a study row's button is pressed. */
  onStudyAction(handler) {
    this.list.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (button) handler(button.dataset.action, button.dataset.name, button);
    });
  }

  /** A line about the last action on studies; an error takes the focus so it is heard at once. */
  say(text, { error = false } = {}) {
    this.line.textContent = text;
    this.line.classList.toggle('error', error);
    if (error) this.line.focus();
  }

  /** The enrolment link of `study`, copied, and its Prolific form below it. */
  links(study, plain, prolific) {
    this.studyLink.hidden = false;
    this.prolificLink.show(`Prolific form of ${study.name}`, prolific);
    this.plainLink.show(`Enrolment link of ${study.name}`, plain);
    this.plainLink.copy();
  }

  /** The edit form filled with `study`; locked, and saying why, when it is frozen. */
  edit(study, frozenWhy) {
    const form = this.editForm;
    form.dataset.name = study.name;
    this.$('study-edit-title').textContent = `Edit ${study.name}`;
    for (const field of FIELDS) form.elements[field.key].value = shownValue(valueOf(study, field));
    this.$('study-edit-fields').disabled = !!frozenWhy;
    this.$('study-edit-save').hidden = !!frozenWhy;
    const frozen = this.$('study-edit-frozen');
    frozen.textContent = frozenWhy ?? '';
    frozen.hidden = !frozenWhy;
    this.editProblem('');
    form.hidden = false;
    if (frozenWhy) frozen.focus();
    else form.elements.title.focus();
  }

  closeEdit() {
    this.editForm.hidden = true;
  }

  editProblem(text) {
    this.#problem(this.$('study-edit-problem'), text);
  }

  /** The participants of `study` with the median hourly pay line; `focus` moves the focus to its heading. */
  participants(study, participants, payLine, { focus = true } = {}) {
    const doc = this.doc;
    const panel = this.$('participants');
    this.$('participants-title').textContent = `Participants of ${study.name}`;
    this.$('participants-pay').textContent = `Median effective pay: ${payLine}`;
    this.$('participants-summary').textContent = participantSummary(participants, study.previews ?? 0);
    this.$('participant-list').querySelector('tbody').replaceChildren(...participants.map((p) => {
      const tr = doc.createElement('tr');
      tr.append(cell(doc, p.name), cell(doc, PLATFORM_WORDS[p.platform] ?? 'invite link'),
        cell(doc, (STATUS_WORDS[p.status] ?? p.status) + (p.disabled ? ' (disabled)' : '')),
        cell(doc, minutesText(p.minutes_spent), true), cell(doc, practiceAccuracy(p), true),
        cell(doc, p.test_done ?? 0, true), cell(doc, catchAccuracy(p), true), cell(doc, (p.flags ?? []).join(' ')));
      return tr;
    }));
    this.$('participants-empty').hidden = participants.length > 0;
    panel.hidden = false;
    panel.dataset.name = study.name;
    if (focus) this.$('participants-title').focus();
  }

  /** The new-study form's dataset choices. */
  datasets(names) {
    fillSelect(this.newForm.elements.dataset, names);
  }

  /** The invite form's study choices (open studies only: a closed one takes no one). */
  studyChoices(names) {
    fillSelect(this.inviteForm.elements.study, names);
  }

  newStudyValues() {
    return { ...readFields(this.newForm), name: this.newForm.elements.name.value.trim(), dataset: this.newForm.elements.dataset.value };
  }

  /** The refusal next to the form (the typed values stay); the focus goes to it. */
  newStudyProblem(text) {
    this.#problem(this.$('new-study-problem'), text);
  }

  /** Empties the new-study form after it was created. */
  newStudyDone() {
    const dataset = this.newForm.elements.dataset.value;
    this.newForm.reset();
    this.newForm.elements.dataset.value = dataset;
    this.newStudyProblem('');
  }

  inviteValues() {
    return { name: this.inviteForm.elements.name.value.trim(), study: this.inviteForm.elements.study.value };
  }

  inviteProblem(text) {
    this.#problem(this.$('invite-problem'), text);
  }

  /** A cell with "New link" and "Disable" (while active) for an annotator of the progress table. */
  annotatorActions(annotator) {
    const td = this.doc.createElement('td');
    td.className = 'actions';
    td.append(actionButton(this.doc, 'reissue', annotator.name, 'New link', `A new invite link for ${annotator.name}`));
    if (!annotator.disabled) {
      td.append(actionButton(this.doc, 'disable', annotator.name, 'Disable', `Disable ${annotator.name}`));
    }
    return td;
  }

  /** A line under the annotators table; an error takes the focus. */
  annotatorSay(text, { error = false } = {}) {
    const line = this.$('annotators-line');
    line.textContent = text;
    line.classList.toggle('error', error);
    if (error) line.focus();
  }

  /**
   * Asks before something that cannot be undone: resolves true only for `yes`. The focus
   * starts on Cancel, so a stray Enter does nothing harmful; Escape cancels too.
   */
  confirm(title, text, yes) {
    const dialog = this.dialog;
    const back = this.doc.activeElement;
    this.$('confirm-title').textContent = title;
    this.$('confirm-text').textContent = text;
    this.$('confirm-ok').textContent = yes;
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => {
        if (back?.isConnected) back.focus();
        resolve(dialog.returnValue === 'ok');
      }, { once: true });
      dialog.showModal();
      this.$('confirm-cancel').focus();
    });
  }

  #problem(line, text) {
    line.textContent = text;
    line.hidden = !text;
    if (text) line.focus();
  }
}
