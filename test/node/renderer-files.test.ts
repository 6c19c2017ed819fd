import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererResponse } from '../../src/node/renderer-files';

/** A built renderer folder next to files it must never serve: a secret beside it and one inside a sibling. */
function layout() {
  const top = mkdtempSync(join(tmpdir(), 'alt-renderer-'));
  const root = join(top, 'renderer');
  mkdirSync(join(root, 'icons'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>tray</title>');
  writeFileSync(join(root, 'app.js'), 'console.log(1);');
  writeFileSync(join(root, 'styles.css'), 'body{}');
  writeFileSync(join(root, 'icons', 'on.svg'), '<svg/>');
  writeFileSync(join(top, 'secret.html'), 'SECRET');
  mkdirSync(join(top, 'renderer-other'));
  writeFileSync(join(top, 'renderer-other', 'x.html'), 'SECRET');
  return { top, root };
}

const get = (root: string, url: string, method = 'GET') => rendererResponse(root, { url, method }, { 'Content-Security-Policy': "default-src 'none'" });

describe('rendererResponse (real files)', () => {
  it('serves the files of the folder with their Content-Type, nosniff and the given headers; HEAD without a body', async () => {
    const { root } = layout();
    const page = await get(root, 'app://tray/index.html');
    expect(page.status).toBe(200);
    expect(Object.fromEntries(page.headers)).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'" });
    expect(await page.text()).toBe('<!doctype html><title>tray</title>');
    expect(await (await get(root, 'app://tray/')).text()).toContain('<title>tray</title>');
    expect((await get(root, 'app://tray/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get(root, 'app://tray/styles.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await get(root, 'app://tray/icons/on.svg')).text()).toBe('<svg/>');
    const head = await get(root, 'app://tray/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('never leaves the folder: traversal, encoded slashes, absolute paths and a sibling folder with the same prefix', async () => {
    const { root, top } = layout();
    for (const url of [
      'app://tray/../secret.html', 'app://tray/%2e%2e/secret.html', 'app://tray/..%2fsecret.html', 'app://tray/..%5csecret.html',
      'app://tray/icons/..%2f..%2fsecret.html', `app://tray/${encodeURIComponent(join(top, 'secret.html'))}`, 'app://tray//' + top.slice(1) + '/secret.html',
      'app://tray/..%2frenderer-other%2fx.html', 'app://tray/%2e%2e%2frenderer-other/x.html',
    ]) {
      const r = await get(root, url);
      expect([400, 404], url).toContain(r.status);
      expect(await r.text(), url).not.toContain('SECRET');
    }
  });

  it('a symlink out of the folder is not found, one inside it is served', async () => {
    const { root, top } = layout();
    symlinkSync(join(top, 'secret.html'), join(root, 'leak.html'));
    symlinkSync(join(top, 'renderer-other'), join(root, 'other'));
    symlinkSync(join(root, 'index.html'), join(root, 'alias.html'));
    expect((await get(root, 'app://tray/leak.html')).status).toBe(404);
    expect((await get(root, 'app://tray/other/x.html')).status).toBe(404);
    expect(await (await get(root, 'app://tray/alias.html')).text()).toContain('<title>tray</title>');
  });

  it('no listing of folders, nothing missing, no other kinds of file, no other methods', async () => {
    const { root } = layout();
    mkdirSync(join(root, 'folder.html'));
    writeFileSync(join(root, 'notes.txt'), 'x');
    expect((await get(root, 'app://tray/icons/')).status).toBe(404);
    expect((await get(root, 'app://tray/icons')).status).toBe(404);
    expect((await get(root, 'app://tray/folder.html')).status).toBe(404);
    expect((await get(root, 'app://tray/missing.html')).status).toBe(404);
    expect((await get(root, 'app://tray/notes.txt')).status).toBe(404);
    expect((await get(root, 'app://tray/index.html', 'POST')).status).toBe(405);
    expect((await get(join(root, 'gone'), 'app://tray/index.html')).status).toBe(404);
    const refused = await get(root, 'app://tray/../x.html');
    expect(refused.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(refused.headers.get('content-security-policy')).toBeNull();
  });
});
