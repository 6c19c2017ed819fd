/**
 * Path joining for the pure core, which must not import node:path (it runs anywhere): the same
 * results as node's path.posix.join / path.win32.join (checked against them in test/core/path.test.ts)
 * for the paths the app builds. Not copied: node's win32 hardening that prefixes `.\` to a relative
 * tail holding a colon or a device name (`CON:`); no path the app builds has one.
 */
import type { Platform } from './ports';

/** Resolves `.` and `..` and repeated separators in the segments; absolute paths never climb above the root. */
function normalizeSegments(segments: string[], absolute: boolean): string[] {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(s);
  }
  return out;
}

/** path.posix.normalize. */
export function posixNormalize(p: string): string {
  if (p === '') return '.';
  const absolute = p.startsWith('/');
  const trailing = p.endsWith('/');
  let body = normalizeSegments(p.split('/'), absolute).join('/');
  if (body === '' && !absolute) body = '.';
  if (body !== '' && trailing) body += '/';
  return absolute ? `/${body}` : body;
}

/** path.posix.join. */
export function posixJoin(...parts: string[]): string {
  const joined = parts.filter((x) => x !== '').join('/');
  return joined === '' ? '.' : posixNormalize(joined);
}

const isSep = (code: number): boolean => code === 47 || code === 92; // '/' or '\'

/** node's normalizeString: resolves `.`/`..` and repeated separators in a root-less tail. */
function normalizeTail(path: string, allowAboveRoot: boolean, separator: string): string {
  let res = '';
  let lastSegmentLength = 0;
  let lastSlash = -1;
  let dots = 0;
  let code = 0;
  for (let i = 0; i <= path.length; ++i) {
    if (i < path.length) code = path.charCodeAt(i);
    else if (isSep(code)) break;
    else code = 47;
    if (isSep(code)) {
      if (lastSlash === i - 1 || dots === 1) {
        // nothing: an empty segment or "."
      } else if (dots === 2) {
        if (res.length < 2 || lastSegmentLength !== 2 || !res.endsWith('..')) {
          if (res.length > 2) {
            const at = res.lastIndexOf(separator);
            if (at === -1) {
              res = '';
              lastSegmentLength = 0;
            } else {
              res = res.slice(0, at);
              lastSegmentLength = res.length - 1 - res.lastIndexOf(separator);
            }
            lastSlash = i;
            dots = 0;
            continue;
          } else if (res.length !== 0) {
            res = '';
            lastSegmentLength = 0;
            lastSlash = i;
            dots = 0;
            continue;
          }
        }
        if (allowAboveRoot) {
          res += res.length > 0 ? `${separator}..` : '..';
          lastSegmentLength = 2;
        }
      } else {
        res += (res.length > 0 ? separator : '') + path.slice(lastSlash + 1, i);
        lastSegmentLength = i - lastSlash - 1;
      }
      lastSlash = i;
      dots = 0;
    } else if (code === 46 && dots !== -1) {
      ++dots;
    } else {
      dots = -1;
    }
  }
  return res;
}

/** path.win32.normalize, by node's own algorithm (lib/path.js): drive letters, UNC shares, both separators in, backslashes out. */
export function win32Normalize(path: string): string {
  const len = path.length;
  if (len === 0) return '.';
  const code = path.charCodeAt(0);
  if (len === 1) return isSep(code) ? '\\' : path;
  let rootEnd = 0;
  let device: string | undefined;
  let isAbsolute = false;
  if (isSep(code)) {
    isAbsolute = true;
    if (isSep(path.charCodeAt(1))) {
      let j = 2;
      let last = j;
      while (j < len && !isSep(path.charCodeAt(j))) j++;
      if (j < len && j !== last) {
        const firstPart = path.slice(last, j);
        last = j;
        while (j < len && isSep(path.charCodeAt(j))) j++;
        if (j < len && j !== last) {
          last = j;
          while (j < len && !isSep(path.charCodeAt(j))) j++;
          if (j === len) return `\\\\${firstPart}\\${path.slice(last)}\\`;
          if (j !== last) {
            device = `\\\\${firstPart}\\${path.slice(last, j)}`;
            rootEnd = j;
          }
        }
      }
    } else {
      rootEnd = 1;
    }
  } else if (((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) && path.charCodeAt(1) === 58) {
    device = path.slice(0, 2);
    rootEnd = 2;
    if (len > 2 && isSep(path.charCodeAt(2))) {
      isAbsolute = true;
      rootEnd = 3;
    }
  }
  let tail = rootEnd < len ? normalizeTail(path.slice(rootEnd), !isAbsolute, '\\') : '';
  if (tail.length === 0 && !isAbsolute) tail = '.';
  if (tail.length > 0 && isSep(path.charCodeAt(len - 1))) tail += '\\';
  if (device === undefined) return isAbsolute ? `\\${tail}` : tail;
  return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
}

/** path.win32.join, by node's algorithm: a first part starting with exactly `\\name` stays a UNC root. */
export function win32Join(...parts: string[]): string {
  const kept = parts.filter((x) => x.length > 0);
  if (kept.length === 0) return '.';
  const first = kept[0]!;
  let joined = kept.join('\\');
  let needsReplace = true;
  let slashCount = 0;
  if (isSep(first.charCodeAt(0))) {
    ++slashCount;
    if (first.length > 1 && isSep(first.charCodeAt(1))) {
      ++slashCount;
      if (first.length > 2) {
        if (isSep(first.charCodeAt(2))) ++slashCount;
        else needsReplace = false;
      }
    }
  }
  if (needsReplace) {
    while (slashCount < joined.length && isSep(joined.charCodeAt(slashCount))) slashCount++;
    if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
  }
  return win32Normalize(joined);
}

/** join for the given platform's separators, as node's path.win32 / path.posix do. */
export function joinFor(platform: Platform, ...parts: string[]): string {
  return platform === 'win32' ? win32Join(...parts) : posixJoin(...parts);
}

/** The separator of the platform's paths. */
export function sepFor(platform: Platform): string {
  return platform === 'win32' ? '\\' : '/';
}
