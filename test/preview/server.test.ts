import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import type { StatusReport, TrayApi } from '../../src/shared/ipc-contract';

const EMPTY: StatusReport = { generatedAt: 0, configFile: '/c', credentialsFile: '/k', loginCacheDir: '/l', configFound: false, profiles: [] };

/** An in-memory TrayApi that records what reached it. */
function fakeApi() {
  const calls: [string, unknown[]][] = [];
  const listeners = new Set<(s: StatusReport) => void>();
  const api = new Proxy({} as TrayApi, {
    get(_t, key: string) {
      if (key === 'onStatusChanged') return (l: (s: StatusReport) => void) => (listeners.add(l), () => listeners.delete(l));
      if (key === 'settings:save') return async (...args: unknown[]) => { calls.push([key, args]); throw Object.assign(new Error('Setting "x" is bad.'), { userError: { code: 'invalid-argument', message: 'Setting "x" is bad.', hint: null } }); };
      if (key === 'settings:get') return async () => { throw new Error('disk on fire'); };
      return async (...args: unknown[]) => (calls.push([key, args]), key === 'status:get' ? EMPTY : { ok: true });
    },
  });
  return { api, calls, push: (s: StatusReport) => listeners.forEach((l) => l(s)) };
}

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

function send(server: PreviewServer, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...init.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

let server: PreviewServer;
let fake: ReturnType<typeof fakeApi>;
/** The header the page sends on every API call once it has the printed link's token. */
let auth: Record<string, string>;

const post = (server: PreviewServer, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  send(server, `/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}`, ...auth, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** The token of the printed link: it rides in the fragment, which browsers never send. */
const tokenOf = (server: PreviewServer): string => new URLSearchParams(new URL(server.url).hash.slice(1)).get('token')!;

/** Reads the event stream with the given headers until `until` shows up, or returns the refusal. */
function openEvents(server: PreviewServer, headers: Record<string, string>, until: (text: string) => boolean, onOpen = (): void => undefined): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
        if (body.includes(': connected')) onOpen();
        if (until(body)) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'alt-preview-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'secret.txt'), 'not served');
  fake = fakeApi();
  server = await startPreviewServer({ port: 0, rendererDir: dir, api: fake.api });
  auth = { 'x-preview-token': tokenOf(server) };
});
afterEach(() => server.close());

describe('preview server', () => {
  it('listens on 127.0.0.1 only and serves the page with security headers', async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#token=[A-Za-z0-9_-]{43}$`));
    const r = await send(server, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(server, '/secret.txt')).status).toBe(404);
    expect((await send(server, '/../secret.txt')).status).toBe(404);
  });

  it('passes a same-origin JSON POST to the tray service, uncached', async () => {
    const r = await post(server, 'profile:login', { args: ['dev'] });
    expect([r.status, JSON.parse(r.body)]).toEqual([200, { ok: true }]);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(fake.calls).toEqual([['profile:login', ['dev']]]);
  });

  it('refuses unknown channels, other methods, non-JSON bodies and bodies without args', async () => {
    expect((await post(server, 'profile:delete-everything', { args: [] })).status).toBe(404);
    const get = await send(server, '/api/status:get', { headers: auth });
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
    expect((await post(server, 'status:get', '{"args":[]}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(server, 'status:get', 'args=[]')).status).toBe(400);
    expect((await post(server, 'status:get', { nope: 1 })).status).toBe(400);
    expect((await post(server, 'status:get', { args: ['x'.repeat(70_000)] })).status).toBe(413);
    expect(fake.calls).toEqual([]);
  });

  it('refuses other Hosts (DNS rebinding) and cross-site requests (CSRF)', async () => {
    expect((await send(server, '/', { headers: { host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await post(server, 'profile:logout-all', { args: [] }, { host: `rebind.example:${server.port}` })).status).toBe(403);
    expect((await post(server, 'profile:logout-all', { args: [] }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(server, 'profile:logout-all', { args: [] }, { origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await post(server, 'profile:logout-all', { args: [] }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(fake.calls).toEqual([]);
    expect((await post(server, 'profile:logout-all', { args: [] }, { origin: `http://localhost:${server.port}`, host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('answers service errors as JSON with the person-readable message and no stack', async () => {
    const bad = await post(server, 'settings:save', { args: [{ x: 1 }] });
    expect([bad.status, JSON.parse(bad.body)]).toEqual([400, { error: { code: 'invalid-argument', message: 'Setting "x" is bad.', hint: null } }]);
    const broken = await post(server, 'settings:get', { args: [] });
    expect(broken.status).toBe(500);
    expect(JSON.parse(broken.body).error.message).toBe('disk on fire');
    expect(broken.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('streams status pushes as Server-Sent Events', async () => {
    const r = await openEvents(server, auth, (text) => text.includes('"generatedAt":42'), () => fake.push({ ...EMPTY, generatedAt: 42 }));
    expect(r.headers['content-type']).toContain('text/event-stream');
    expect(r.body).toContain(`event: status:changed\ndata: ${JSON.stringify({ ...EMPTY, generatedAt: 42 })}\n\n`);
  });
});

describe('preview access token', () => {
  const token = () => tokenOf(server);

  it('is a fresh 32-byte base64url token per server, in the link fragment; no answer sets a cookie', async () => {
    expect(Buffer.from(token(), 'base64url')).toHaveLength(32);
    const other = await startPreviewServer({ port: 0, rendererDir: tmpdir(), api: fakeApi().api });
    try {
      expect(tokenOf(other)).not.toBe(token());
    } finally {
      await other.close();
    }
    const replies = [await send(server, '/'), await send(server, `/?token=${encodeURIComponent(token())}`), await post(server, 'status:get', { args: [] })];
    for (const r of replies) expect(r.headers['set-cookie']).toBeUndefined();
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('answers 401 with a JSON error, without reaching the service, when the header is missing or wrong, and never accepts a cookie', async () => {
    const cases: Record<string, string>[] = [
      {},
      { 'x-preview-token': '' },
      { 'x-preview-token': 'A'.repeat(43) },
      { 'x-preview-token': `${token()}x` },
      { 'x-preview-token': token().slice(1) },
      { cookie: `alt-preview-${server.port}=${token()}` },
      { authorization: `Bearer ${token()}` },
    ];
    for (const headers of cases) {
      for (const channel of ['settings:save', 'profile:login', 'status:get']) {
        const r = await send(server, `/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}`, ...headers },
          body: JSON.stringify({ args: channel === 'settings:save' ? [{ awsCliPath: '/tmp/evil' }] : channel === 'profile:login' ? ['dev'] : [] }),
        });
        expect([r.status, r.headers['content-type']], `${channel} with ${JSON.stringify(headers)}`).toEqual([401, 'application/json; charset=utf-8']);
        expect(JSON.parse(r.body).error).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('access token'), hint: expect.stringContaining('npm run preview') });
      }
      const events = await openEvents(server, headers, () => false);
      expect([events.status, JSON.parse(events.body).error.message]).toEqual([401, "This request did not carry the preview's access token."]);
    }
    expect(fake.calls).toEqual([]);
  });

  it('never answers a preflight: a cross-origin page cannot send the header', async () => {
    const r = await send(server, '/api/profile:logout-all', {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:1', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-preview-token,content-type' },
    });
    expect(r.status).toBe(403);
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('keeps the Host and Origin guards in front of the token', async () => {
    expect((await post(server, 'profile:logout-all', { args: [] }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(server, 'profile:logout-all', { args: [] }, { origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await post(server, 'profile:logout-all', { args: [] }, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect(fake.calls).toEqual([]);
  });

  it('never puts the token in an answer (bodies or headers), refused or not', async () => {
    const replies: Reply[] = [];
    for (const channel of ['status:get', 'profile:login', 'settings:save', 'settings:get', 'nope']) {
      replies.push(await post(server, channel, { args: channel === 'profile:login' ? ['dev'] : channel === 'settings:save' ? [{}] : [] }));
      replies.push(await post(server, channel, { args: [] }, { 'x-preview-token': '' }));
    }
    replies.push(await openEvents(server, auth, (text) => text.includes('"generatedAt":7'), () => fake.push({ ...EMPTY, generatedAt: 7 })));
    replies.push(await openEvents(server, { 'x-preview-token': '' }, () => false));
    replies.push(await send(server, '/'));
    replies.push(await send(server, `/?token=${token()}`));
    expect(replies.map((r) => r.status)).toContain(200);
    for (const r of replies) expect(JSON.stringify(r)).not.toContain(token());
  });
});
