import { PREVIEW_TOKEN_PARAM } from '../shared/preview-auth';

const STORAGE_KEY = 'aws-login-tray-preview-token';

/** The bits of `window` the token needs (passed in so tests can use a plain object). */
export interface TokenWindow {
  location: Pick<Location, 'hash' | 'search' | 'pathname'>;
  history: Pick<History, 'replaceState'>;
  sessionStorage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/**
 * The preview's access token: taken from the printed link's `#token=` (or an old `?token=`),
 * then removed from the address bar and kept in sessionStorage (per origin, so per port: no other
 * local server can read it) so a reload keeps working. Null when the page was opened without it.
 */
export function takePreviewToken(win: TokenWindow): string | null {
  const given = new URLSearchParams(win.location.hash.replace(/^#/, '')).get(PREVIEW_TOKEN_PARAM) ?? new URLSearchParams(win.location.search).get(PREVIEW_TOKEN_PARAM);
  if (given) {
    try {
      win.sessionStorage?.setItem(STORAGE_KEY, given);
    } catch {
      // Storage off (private mode, policy): the token lives in memory until the next reload.
    }
    win.history.replaceState(null, '', win.location.pathname);
    return given;
  }
  try {
    return win.sessionStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
