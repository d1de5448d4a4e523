// invite.js — the join page's model: the invite token read from the address, and what the
// server says about this browser's session and about the token. No DOM here.
import { ApiError, NetworkError, getSession, postSession } from './api.js';

/** The token of /join/TOKEN, or null when the address holds none (/join after a reload). */
export function tokenFromPath(pathname) {
  const match = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]) || null;
  } catch {
    return null; // a broken %-escape is no token anyone was sent
  }
}

/** Where an account starts: the admin page for the admin, the annotator page for the rest. */
export const homeFor = (role) => (role === 'admin' ? '/admin' : '/');

/** A redirect from the server, if it is a path on this server; otherwise the role's home. */
export function localPath(redirect, role) {
  return typeof redirect === 'string' && /^\/(?![/\\])/.test(redirect) ? redirect : homeFor(role);
}

export class Invite {
  constructor(token) {
    this.token = token;
    this.current = null; // the session this browser already has: {name, role}
  }

  /**
   * What to ask the person: 'no-token' (nothing to accept), 'fresh' (this browser is signed
   * out) or 'signed-in' (as this.current). Rejects when the server cannot be asked.
   */
  async check() {
    if (!this.token) return 'no-token';
    try {
      this.current = await getSession();
      return 'signed-in';
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        this.current = null;
        return 'fresh';
      }
      throw error;
    }
  }

  /** Where "stay signed in" goes: the home of the account already signed in. */
  stayPath() {
    return homeFor(this.current?.role);
  }

  /**
   * Trades the token for a session. Resolves, never rejects, to one of
   * {outcome: 'signed-in', to}, {outcome: 'unknown'} (unknown or disabled link),
   * {outcome: 'refused', message} (too many attempts, or another refusal) and
   * {outcome: 'unreachable', message}.
   */
  async accept() {
    try {
      const answer = await postSession(this.token);
      return { outcome: 'signed-in', to: localPath(answer?.redirect, answer?.role) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return { outcome: 'unknown' };
      if (error instanceof ApiError && error.status === 429) {
        return { outcome: 'refused', message: error.detail || 'Too many attempts from this address. Wait a while, then try again.' };
      }
      if (error instanceof ApiError) return { outcome: 'refused', message: `The server refused: ${error.message}.` };
      if (error instanceof NetworkError) {
        return { outcome: 'unreachable', message: `RefHuman could not be reached (${error.message}). Check the connection and try again.` };
      }
      return { outcome: 'refused', message: `Something went wrong: ${error.message}.` };
    }
  }
}
