// picker-mode.js — whether the picker lists categories as a tree or as a flat list, remembered for this tab's session.

const STORAGE_KEY = 'refhuman.picker-mode';
export const MODES = ['list', 'tree'];

/** The mode chosen earlier in this tab, else the flat list. */
export function savedMode(storage = globalThis.sessionStorage) {
  try {
    return storage?.getItem(STORAGE_KEY) === 'tree' ? 'tree' : 'list';
  } catch {
    return 'list'; // storage refused (private mode, sandboxed frame): the default serves
  }
}

export function saveMode(mode, storage = globalThis.sessionStorage) {
  try {
    storage?.setItem(STORAGE_KEY, mode === 'tree' ? 'tree' : 'list');
  } catch {
    // Not remembered then; the choice still holds until the page is reloaded.
  }
}
