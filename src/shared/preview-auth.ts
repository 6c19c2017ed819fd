/**
 * How the browser preview's page proves it was opened from the printed link: the token comes in
 * the link's fragment (`#token=...`, never sent over the network), the page keeps it in memory and
 * sessionStorage (both per origin, so per port) and sends it in this header on every API call and
 * on the event stream. Never a cookie: cookies ignore ports and reach every local server.
 */
export const PREVIEW_TOKEN_HEADER = 'x-preview-token';

/** The fragment (and, for old links, query) parameter of the printed link. */
export const PREVIEW_TOKEN_PARAM = 'token';
