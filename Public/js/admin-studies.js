// admin-studies.js — the admin page's controller for studies and invites: lists, creates, edits and closes studies, shows their links and participants, invites people and reissues or disables their links, through the admin routes of api.js.
import {
  getParticipants, getStudies, postDisable, postInvite, postReissue, postStudy, postStudyClose, postStudyEdit,
} from './api.js';
import {
  bodyOf, datasetsOf, enrolmentLink, frozenLine, fullLink, medianHourlyPay, prolificLink, stateOf,
} from './studies.js';
import { StudiesView } from './studies-view.js';

/** One readable line for a failed request: the server's words, or why there were none. */
const lineOf = (error) => error?.message || String(error);

/**
 * Wires the studies, new-study and invite sections of the admin page. `changed()` is called
 * after anything that changes the progress tables (a new account, a disabled one). Returns
 * {refresh(), progress(progress), annotatorActions(annotator)} for the page's own refresh.
 */
export function installStudies(doc, { changed }) {
  const view = new StudiesView(doc);
  let studies = [];
  const byName = (name) => studies.find((study) => study.name === name);

  async function refresh() {
    studies = await getStudies();
    view.studies(studies);
    view.studyChoices(studies.filter((study) => stateOf(study) !== 'closed').map((study) => study.name));
    // An open participants list follows its study's latest counts.
    const participants = doc.getElementById('participants');
    if (!participants.hidden && byName(participants.dataset.name)) await showParticipants(participants.dataset.name, false);
  }

  async function showParticipants(name, focus = true) {
    const study = byName(name);
    const list = await getParticipants(name);
    view.participants(study, list, medianHourlyPay(study.terms?.pay, list), { focus });
  }

  async function act(action, name) {
    const study = byName(name);
    if (!study) return;
    try {
      if (action === 'link') {
        view.links(study, enrolmentLink(location.origin, study.enrolment_code), prolificLink(location.origin, study.enrolment_code));
      } else if (action === 'edit') {
        view.edit(study, stateOf(study) === 'running' ? frozenLine(study) : null);
      } else if (action === 'participants') {
        await showParticipants(name);
      } else if (action === 'close') {
        const sure = await view.confirm(`Close ${name}?`,
          'A closed study leases nothing more and enrols no one; its judgements are kept. This cannot be undone here.',
          'Close the study');
        if (!sure) return;
        await postStudyClose(name);
        await refresh();
        view.say(`${name} is closed; its judgements are kept.`);
      }
    } catch (error) {
      view.say(`${name}: ${lineOf(error)}`, { error: true });
    }
  }

  view.onStudyAction(act);

  const editForm = doc.getElementById('study-edit');
  editForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const study = byName(editForm.dataset.name);
    if (!study) return;
    const { body, problem } = bodyOf(Object.fromEntries(new FormData(editForm)), study);
    if (problem) return view.editProblem(problem);
    if (!Object.keys(body).length) return view.editProblem('Nothing was changed.');
    try {
      await postStudyEdit(study.name, body);
      view.editProblem('');
      await refresh();
      view.closeEdit();
      view.say(`Saved the changes to ${study.name}.`);
      doc.querySelector(`#study-list button[data-action="edit"][data-name="${CSS.escape(study.name)}"]`)?.focus();
    } catch (error) {
      view.editProblem(lineOf(error));
    }
  });
  doc.getElementById('study-edit-cancel').addEventListener('click', () => {
    const name = editForm.dataset.name;
    view.closeEdit();
    doc.querySelector(`#study-list button[data-action="edit"][data-name="${CSS.escape(name ?? '')}"]`)?.focus();
  });

  const newForm = doc.getElementById('new-study');
  newForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = view.newStudyValues();
    if (!values.name) return view.newStudyProblem('Give the study a name.');
    const { body, problem } = bodyOf(values);
    if (problem) return view.newStudyProblem(problem);
    try {
      const study = await postStudy({ name: values.name, dataset: values.dataset || undefined, ...body });
      view.newStudyDone();
      await refresh();
      view.say(`Created ${study.name} (${study.dataset}).`);
      doc.querySelector(`#study-list button[data-action="link"][data-name="${CSS.escape(study.name)}"]`)?.focus();
    } catch (error) {
      view.newStudyProblem(lineOf(error));
    }
  });

  const inviteForm = doc.getElementById('invite');
  const inviteBox = view.inviteLink;
  inviteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { name, study } = view.inviteValues();
    if (!name || !study) return view.inviteProblem(name ? 'Choose a study.' : 'Give the person a name.');
    try {
      const invite = await postInvite(name, study);
      view.inviteProblem('');
      inviteForm.reset();
      inviteForm.elements.study.value = study;
      inviteBox.show(`Invite link of ${invite.name} (${invite.study})`, fullLink(location.origin, invite.link));
      changed();
    } catch (error) {
      inviteBox.hide();
      view.inviteProblem(lineOf(error));
    }
  });

  // The annotators table of the progress section: "New link" and "Disable" per account.
  doc.querySelector('#annotators tbody').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const name = button.dataset.name;
    try {
      if (button.dataset.action === 'reissue') {
        const sure = await view.confirm(`A new link for ${name}?`,
          `${name}'s current link stops working at once; send them the new one.`, 'Make a new link');
        if (!sure) return;
        const invite = await postReissue(name);
        view.annotatorSay('');
        view.annotatorLink.show(`New invite link of ${invite.name}`, fullLink(location.origin, invite.link));
      } else if (button.dataset.action === 'disable') {
        const sure = await view.confirm(`Disable ${name}?`,
          `${name}'s link and sessions stop working; their judgements are kept.`, 'Disable');
        if (!sure) return;
        await postDisable(name);
        view.annotatorSay(`${name} is disabled.`);
        await changed();
        view.annotatorSay(`${name} is disabled.`);
        doc.querySelector(`#annotators button[data-action="reissue"][data-name="${CSS.escape(name)}"]`)?.focus();
      }
    } catch (error) {
      view.annotatorSay(`${name}: ${lineOf(error)}`, { error: true });
    }
  });

  return {
    refresh,
    /** The datasets of GET /api/admin/progress become the new study's choices. */
    progress: (progress) => view.datasets(datasetsOf(progress)),
    annotatorActions: (annotator) => view.annotatorActions(annotator),
  };
}
