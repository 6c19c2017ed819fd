import { describe, expect, it } from 'vitest';
import { RENDERER_URL, rendererFileRequest } from '../../src/core/app-url';

const get = (url: string) => rendererFileRequest(url, 'GET');

describe('rendererFileRequest', () => {
  it('maps the window\'s own URLs to plain file names with their Content-Type', () => {
    expect(RENDERER_URL).toBe('app://tray/index.html');
    expect(get('app://tray/index.html')).toEqual({ ok: true, path: ['index.html'], contentType: 'text/html; charset=utf-8', head: false });
    expect(get('app://tray/')).toMatchObject({ ok: true, path: ['index.html'] });
    expect(get('app://tray')).toMatchObject({ ok: true, path: ['index.html'] });
    expect(get('app://tray/app.js?v=1#x')).toMatchObject({ ok: true, path: ['app.js'], contentType: 'text/javascript; charset=utf-8' });
    expect(get('app://tray/styles.css')).toMatchObject({ ok: true, contentType: 'text/css; charset=utf-8' });
    expect(get('app://tray/icons/tray%20dark.SVG')).toMatchObject({ ok: true, path: ['icons', 'tray dark.SVG'], contentType: 'image/svg+xml' });
    expect(rendererFileRequest('app://tray/app.js', 'HEAD')).toMatchObject({ ok: true, head: true });
  });

  it.each([
    ['app://tray/../secret.html', 400],
    ['app://tray/a/../../secret.html', 400],
    ['app://tray/%2e%2e/secret.html', 400],
    ['app://tray/.%2E/secret.html', 400],
    ['app://tray/./index.html', 400],
    ['app://tray/..', 400],
    ['app://tray/..%2f..%2fetc%2fpasswd.html', 400],
    ['app://tray/a%2Fb.html', 400],
    ['app://tray/a%5cb.html', 400],
    ['app://tray/..\\secret.html', 400],
    ['app://tray/C:%5CWindows%5Cwin.ini', 400],
    ['app://tray/C:/Windows/x.html', 400],
    ['app://tray/index.html%00.png', 400],
    ['app://tray/%E0%A4%A.html', 400],
    ['app://tray//etc/passwd.html', 404],
    ['app://tray/assets/', 404],
    ['app://tray/secret', 404],
    ['app://tray/index.html.bak', 404],
    ['app://tray/x.constructor', 404],
    ['app://tray/.html', 404],
    ['app://evil/index.html', 404],
    ['app://tray:8080/index.html', 404],
    ['app://user@tray/index.html', 404],
    ['file:///etc/passwd', 404],
    ['https://tray/index.html', 404],
    ['not a url', 400],
  ] as const)('refuses %s (%i)', (url, status) => {
    expect(get(url)).toMatchObject({ ok: false, status });
  });

  it('answers only GET and HEAD', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'get']) expect(rendererFileRequest(RENDERER_URL, method)).toMatchObject({ ok: false, status: 405 });
  });
});
