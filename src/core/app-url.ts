// The window's own URLs (app://tray/...) and which file of the renderer folder each one names: the
// pure half of the app:// protocol handler (src/node/renderer-files.ts reads the file).

/** The privileged scheme the window is served from instead of file:. */
export const APP_SCHEME = 'app';
/** The one host of that scheme: the tray window. */
export const RENDERER_HOST = 'tray';
/** The page the window loads. */
export const RENDERER_URL = `${APP_SCHEME}://${RENDERER_HOST}/index.html`;

/** Content-Type by file extension: only the kinds of file a built window holds are served at all. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};

/** A request for a file under the renderer folder (path: its segments, each a plain name), or the status that refuses it. */
export type RendererFileRequest =
  | { ok: true; path: string[]; contentType: string; head: boolean }
  | { ok: false; status: 400 | 404 | 405; reason: string };

const refuse = (status: 400 | 404 | 405, reason: string): RendererFileRequest => ({ ok: false, status, reason });

/** `..` or `.` as a path segment, also percent-encoded (`%2e%2e`), before any URL parser folds it away. */
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?=[/\\?#]|$)/i;

/**
 * Maps an app://tray/... request to a file of the renderer folder, refusing anything that is not
 * plainly one: another scheme or host, a user or port, a method other than GET/HEAD, dot segments
 * (plain or encoded), encoded slashes or backslashes, NUL, `:` (drive letters, NTFS streams), empty
 * segments (`//`, a folder's trailing `/`: no listing), and files of an unexpected kind.
 * `app://tray/` is index.html. The caller still checks the real path stays inside the folder (symlinks).
 */
export function rendererFileRequest(url: string, method: string): RendererFileRequest {
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, `method ${method} not allowed`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(400, 'not a URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname.toLowerCase() !== RENDERER_HOST || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return refuse(404, 'not the tray window');
  }
  const rawPath = url.slice(url.indexOf('//') + 2).replace(/^[^/]*/, '').replace(/[?#].*$/s, '');
  if (DOT_SEGMENT.test(rawPath) || rawPath.includes('\\')) return refuse(400, 'dot segment or backslash in the path');
  const pathname = parsed.pathname === '' || parsed.pathname === '/' ? '/index.html' : parsed.pathname;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return refuse(400, 'bad percent-encoding');
    }
    if (name === '') return refuse(404, 'a folder, not a file');
    if (name === '.' || name === '..' || /[/\\:\0]/.test(name)) return refuse(400, `"${raw}" is not a plain file name`);
    segments.push(name);
  }
  const last = segments[segments.length - 1]!;
  const dot = last.lastIndexOf('.');
  const ext = dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
  const contentType = Object.hasOwn(CONTENT_TYPES, ext) ? CONTENT_TYPES[ext] : undefined;
  if (!contentType) return refuse(404, 'not a kind of file the window uses');
  return { ok: true, path: segments, contentType, head: method === 'HEAD' };
}
