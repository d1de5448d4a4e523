// signout.js — the "Sign out" button of the annotator and admin pages: ends the session on
// the server, then leaves for the signed-out page, or says why it could not.
import { ApiError, postLogout } from './api.js';

export const SIGNED_OUT_PAGE = '/signed-out.html';

/**
 * Makes `button` sign out. `settle` runs first and may take a moment (the annotator page
 * sends answers still waiting); `tell(text)` shows a problem beside the button ('' clears it).
 */
export function installSignOut(button, { settle = async () => {}, tell }) {
  const label = button.textContent;
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    // aria-disabled rather than disabled: a disabled button would drop the keyboard focus.
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Signing out…';
    tell('');
    try {
      await settle();
      await postLogout();
    } catch (error) {
      // A session that has already ended elsewhere is as signed out as this one would be.
      if (!(error instanceof ApiError && error.status === 401)) {
        button.removeAttribute('aria-disabled');
        button.textContent = label;
        tell(`Not signed out: ${error.message}. Try again.`);
        return;
      }
    }
    location.replace(SIGNED_OUT_PAGE);
  });
}
