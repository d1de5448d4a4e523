// keys.js — page-wide keyboard shortcuts, translated into the session's intents. The
// search box and the card grid handle their own Enter and arrow keys first; this only
// sees what they leave, so a key never means two things at once.

const FIELD = 'input, textarea, select, [contenteditable="true"]';
const CONTROL = 'button, a, summary, dialog, input, select, textarea';

export function installShortcuts(session, search) {
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    const target = event.target instanceof Element ? event.target : document.body;
    const inSearch = target === search;
    if (!inSearch && target.closest(FIELD)) return;
    if (target.closest('dialog')) return;
    const typing = inSearch && search.value !== '';
    const command = event.ctrlKey || event.metaKey;

    if (command && event.key === 'Enter') {
      event.preventDefault();
      session.submit();
    } else if (command && !event.shiftKey && event.key.toLowerCase() === 'z' && !typing) {
      event.preventDefault();
      session.undo();
    } else if (event.altKey && event.code === 'KeyP') {
      event.preventDefault();
      session.togglePause();
    } else if (command || event.altKey || typing) {
      // Leave browser shortcuts and text editing alone.
    } else if (/^[0-9]$/.test(event.key) && session.digitKeys) {
      event.preventDefault();
      session.pickDigit(Number(event.key));
    } else if (event.key === '?') {
      event.preventDefault();
      session.abstain();
    } else if (event.key === 'Enter' && !inSearch && !target.closest(CONTROL)) {
      event.preventDefault();
      session.submit();
    } else if (!inSearch && event.key.length === 1 && event.key !== ' ' && !target.closest('dialog')) {
      // Type anywhere to search: focusing now lets this very keystroke land in the box.
      session.focusSearch();
    }
  });
}
