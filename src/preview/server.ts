import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Channel, StatusReport, TrayApi, UserError } from '../shared/ipc-contract';
import { STATUS_CHANGED_EVENT } from '../shared/ipc-contract';
import { isChannel } from '../shared/validate-args';
import { hasToken, newAccessToken } from './auth';
import { isJsonRequest, refuseRequest, setSecurityHeaders } from './guards';

/** The only files the preview serves: nothing else under the folder is reachable. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/styles.css': { file: 'styles.css', type: 'text/css; charset=utf-8' },
};
const MAX_BODY_BYTES = 64 * 1024;
const SSE_KEEPALIVE_MS = 25_000;

export interface PreviewServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Folder holding the built window (dist/renderer). */
  rendererDir: string;
  api: TrayApi;
  /** This run's access token; a new random one by default. */
  token?: string;
}

export interface PreviewServer {
  /**
   * The link to open: the access token rides in the fragment (`http://127.0.0.1:PORT/#token=...`),
   * which the browser never sends anywhere; the page keeps it and sends it as a header.
   */
  url: string;
  port: number;
  /** Stops listening and ends every open event stream. */
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: UserError, extra: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
  sendJson(res, status, { error });
}

const refusal = (message: string): UserError => ({ code: 'invalid-argument', message, hint: null });

const NO_TOKEN: UserError = {
  code: 'invalid-argument',
  message: "This request did not carry the preview's access token.",
  hint: 'Open the link `npm run preview` printed (it ends in #token=...); every run makes a new one.',
};

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      // Too big: answer now and discard the rest (destroying the socket would lose the answer).
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A thrown error as a UserError: the tray service attaches one (`userError`); anything else is internal. */
function toUserError(err: unknown): UserError {
  const attached = (err as { userError?: UserError } | null)?.userError;
  if (attached && typeof attached.message === 'string') return attached;
  return { code: 'internal', message: err instanceof Error ? err.message : 'Something went wrong.', hint: 'Check the terminal running `npm run preview`.' };
}

async function handleApi(req: IncomingMessage, res: ServerResponse, channel: string, api: TrayApi): Promise<void> {
  if (!isChannel(channel)) return sendError(res, 404, refusal(`Unknown request "${channel.slice(0, 60)}".`));
  if (req.method !== 'POST') return sendError(res, 405, refusal(`${channel} takes POST.`), { Allow: 'POST' });
  if (!isJsonRequest(req)) return sendError(res, 415, refusal('Send the arguments as application/json.'));
  const text = await readBody(req);
  if (text === null) return sendError(res, 413, refusal('The request is too large.'), { Connection: 'close' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sendError(res, 400, refusal('The request body is not valid JSON.'));
  }
  const args = (body as { args?: unknown } | null)?.args;
  if (!Array.isArray(args)) return sendError(res, 400, refusal('The request body must be {"args": [...]}.'));
  try {
    const fn = api[channel as Channel] as (...a: unknown[]) => Promise<unknown>;
    sendJson(res, 200, await fn(...args));
  } catch (err) {
    const error = toUserError(err);
    sendError(res, error.code === 'internal' ? 500 : 400, error);
  }
}

/** Serves the window and its API on 127.0.0.1 only, for working on the UI without Electron. */
export function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  const token = options.token ?? newAccessToken();
  let port = 0;
  const broadcast = (status: StatusReport): void => {
    const frame = `event: ${STATUS_CHANGED_EVENT}\ndata: ${JSON.stringify(status)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const unsubscribe = options.api.onStatusChanged(broadcast);
  const keepAlive = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, SSE_KEEPALIVE_MS);
  keepAlive.unref();

  const server = createServer((req, res) => {
    setSecurityHeaders(res);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/api/');
    const refused = refuseRequest(req, port, isApi);
    if (refused) return sendError(res, refused.status, refusal(refused.message));
    if (isApi && !hasToken(req, token)) return sendError(res, 401, NO_TOKEN);
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendError(res, 405, refusal('/api/events takes GET.'), { Allow: 'GET' });
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (isApi) {
      handleApi(req, res, url.pathname.slice('/api/'.length), options.api).catch(() => {
        if (!res.headersSent) sendError(res, 500, { code: 'internal', message: 'The request failed.', hint: null });
      });
      return;
    }
    const file = STATIC_FILES[url.pathname];
    if (!file) return sendError(res, 404, refusal('Not found.'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, refusal('Only GET.'), { Allow: 'GET, HEAD' });
    let content: Buffer;
    try {
      content = readFileSync(join(options.rendererDir, file.file));
    } catch {
      return sendError(res, 500, { code: 'internal', message: `${join(options.rendererDir, file.file)} is missing.`, hint: 'Run `node scripts/build.mjs` first.' });
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : content);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(keepAlive);
            unsubscribe();
            for (const res of streams) res.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
