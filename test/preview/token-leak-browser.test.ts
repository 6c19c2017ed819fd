import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_SESSION, makeAwsSandbox } from '../support/fake-aws';
import { openWindow, startSandboxPreview, useBrowserSuite } from '../support/preview-browser';

const suite = useBrowserSuite();

/** What another local server saw of one request from the browser. */
interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

/**
 * Another program's server on 127.0.0.1 (any port, any user): it logs every request, and its page
 * loads a sub-resource from itself (same origin: cookies for 127.0.0.1 would come along) and tries
 * to drive the preview's API from the browser in every way a page can.
 */
async function startOtherServer(previewPort: number): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const api = `http://127.0.0.1:${previewPort}/api`;
  const attack = `
    const results = [];
    const tryIt = async (name, f) => { try { const r = await f(); results.push(name + ':' + (r.type === 'opaque' ? 'opaque' : r.status)); } catch (e) { results.push(name + ':blocked'); } };
    (async () => {
      await fetch('/pixel', { credentials: 'include' });
      await tryIt('cors-json', () => fetch('${api}/settings:save', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args: [{ awsCliPath: '/tmp/evil' }] }) }));
      await tryIt('no-cors-text', () => fetch('${api}/settings:save', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ args: [{ awsCliPath: '/tmp/evil' }] }) }));
      await tryIt('cors-header', () => fetch('${api}/profile:logout-all', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'x-preview-token': 'guess' }, body: '{"args":[]}' }));
      await tryIt('events', () => fetch('${api}/events', { credentials: 'include' }));
      document.title = 'done ' + results.join(' ');
    })();`;
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/attack.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(attack);
    if (req.url === '/pixel') return void res.writeHead(204).end();
    if (req.url === '/link') return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<a id="go" href="http://127.0.0.1:${(server.address() as AddressInfo).port}/">next</a>`);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>other</title><script src="/attack.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Replays what the other server captured straight at the preview, with a perfect Host and Origin. */
function replay(previewPort: number, headers: IncomingHttpHeaders, channel: string, body: string): Promise<number> {
  const forwarded: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (typeof v === 'string' && !k.startsWith('sec-fetch-') && !['host', 'origin', 'referer', 'content-length', 'content-type', 'connection'].includes(k)) forwarded[k] = v;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: previewPort, method: 'POST', path: `/api/${channel}`, headers: { ...forwarded, host: `127.0.0.1:${previewPort}`, origin: `http://127.0.0.1:${previewPort}`, 'content-type': 'application/json' } },
      (res) => (res.resume(), resolve(res.statusCode ?? 0)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the preview token never reaches another local server', () => {
  it('after opening the printed link, another 127.0.0.1 server (visited by a link from a third site) sees no token, and what it saw cannot drive the API', async () => {
    const sandbox = makeAwsSandbox(`[profile dev]\nregion = eu-west-1\nlogin_session = ${FAKE_SESSION}\n`);
    const calls: string[] = [];
    const preview = suite.track(
      await startSandboxPreview(sandbox, suite.rendererDir(), {}, (service) =>
        new Proxy(service, { get: (t, key) => (typeof key === 'string' && key.includes(':') && key !== 'status:get' && key !== 'settings:get' ? (calls.push(key), Reflect.get(t, key)) : Reflect.get(t, key)) }),
      ),
    );
    const token = /token=([A-Za-z0-9_-]+)/.exec(preview.url)![1]!;
    const other = suite.track(await startOtherServer(preview.port));
    const third = suite.track(await startOtherServer(preview.port));

    const page = suite.track(await openWindow(suite.browser(), preview.url));
    await expect.poll(() => page.locator('.list').textContent()).toContain('dev');
    // The same browser, a link on a third site (localhost, another port) to the other server.
    await page.goto(`http://localhost:${third.port}/link`);
    await page.click('#go');
    await expect.poll(() => page.title(), { timeout: 15_000 }).toMatch(/^done /);
    const results = (await page.title()).slice('done '.length).split(' ');
    // The cross-origin page got nothing it could read: the JSON and custom-header calls are blocked by CORS.
    expect(results).toEqual(expect.arrayContaining(['cors-json:blocked', 'cors-header:blocked', 'events:blocked']));
    // Also straight from a direct visit in a fresh tab of the same browser.
    const direct = suite.track(await suite.browser().newPage());
    await direct.goto(`http://127.0.0.1:${other.port}/`);
    await expect.poll(() => direct.title(), { timeout: 15_000 }).toMatch(/^done /);

    const everything = [...other.seen, ...third.seen];
    expect(everything.some((s) => s.url === '/pixel')).toBe(true);
    for (const s of everything) expect(JSON.stringify(s), s.url).not.toContain(token);
    // Whatever the other servers captured, replayed with a perfect Host/Origin, is refused.
    for (const s of everything) {
      expect(await replay(preview.port, s.headers, 'settings:save', JSON.stringify({ args: [{ awsCliPath: '/tmp/evil' }] }))).toBe(401);
    }
    expect(calls).toEqual([]);
    expect(() => readFileSync(join(sandbox.appHome, 'settings.json'), 'utf8')).toThrow();
  });
});
