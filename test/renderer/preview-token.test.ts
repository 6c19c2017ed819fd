import { describe, expect, it } from 'vitest';
import { splitEventFrames } from '../../src/renderer/http-api';
import { takePreviewToken, type TokenWindow } from '../../src/renderer/preview-token';

function fakeWindow(hash: string, search = '', stored: Record<string, string> = {}) {
  const replaced: string[] = [];
  const win: TokenWindow = {
    location: { hash, search, pathname: '/' },
    history: { replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    sessionStorage: { getItem: (k) => stored[k] ?? null, setItem: (k, v) => void (stored[k] = v) },
  };
  return { win, replaced, stored };
}

describe('takePreviewToken', () => {
  it('takes the token from the fragment, keeps it for reloads, and clears the address bar', () => {
    const w = fakeWindow('#token=abc');
    expect(takePreviewToken(w.win)).toBe('abc');
    expect(w.replaced).toEqual(['/']);
    expect(takePreviewToken(fakeWindow('', '', w.stored).win)).toBe('abc');
  });

  it('accepts an old ?token= link, and answers null without any token', () => {
    expect(takePreviewToken(fakeWindow('', '?token=q').win)).toBe('q');
    const none = fakeWindow('');
    expect([takePreviewToken(none.win), none.replaced]).toEqual([null, []]);
  });

  it('works when storage throws (storage disabled)', () => {
    const w = fakeWindow('#token=t');
    w.win.sessionStorage = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(takePreviewToken(w.win)).toBe('t');
    expect(takePreviewToken({ ...w.win, location: { hash: '', search: '', pathname: '/' } })).toBeNull();
  });
});

describe('splitEventFrames', () => {
  it('returns complete frames and keeps the unfinished rest for the next chunk', () => {
    const first = splitEventFrames(': connected\n\nevent: status:changed\ndata: {"a":1}\n\nevent: status:changed\ndata: {"a"');
    expect(first.frames).toEqual([{ event: 'status:changed', data: '{"a":1}' }]);
    const second = splitEventFrames(`${first.rest}:2}\n\n`);
    expect(second).toEqual({ frames: [{ event: 'status:changed', data: '{"a":2}' }], rest: '' });
  });

  it('joins multi-line data and reads CRLF streams', () => {
    expect(splitEventFrames('data: a\r\ndata: b\r\n\r\n').frames).toEqual([{ event: 'message', data: 'a\nb' }]);
  });
});
