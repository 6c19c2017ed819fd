import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { posixJoin, posixNormalize, win32Join, win32Normalize } from '../../src/core/path';

// Paths built from what matters to joining: separators, dots, names, an optional drive at the start.
// Not generated: a colon inside a relative tail or a device name (CON:), where node's win32 adds
// `.\\` as Windows hardening; the app never builds such paths (see src/core/path.ts).
const piece = fc.constantFrom('/', '\\', '.', '..', 'a', 'b c', '~', 'x.y', '//', '\\\\', 'srv', 'share', '');
const tail = fc.array(piece, { maxLength: 7 }).map((a) => a.join(''));
// Also not generated: the \\\\.\\ and \\\\?\\ device namespaces.
const deviceNamespace = (p: string): boolean => /^[\\/]{2}[.?](?:[\\/]|$)/.test(p);
const pathText = fc.tuple(fc.constantFrom('', '', 'C:', 'c:', 'C:\\', '/'), tail).map(([d, t]) => d + t).filter((p) => !deviceNamespace(p));
/** A join's parts: a drive only at the start of the first. */
const joinParts = fc.tuple(pathText, fc.array(tail, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]).filter((parts) => !deviceNamespace(parts.filter(Boolean).join('\\')));

describe('core path helpers', () => {
  it('normalize exactly as node:path does (posix and win32), on 3,000 generated paths each', () => {
    fc.assert(fc.property(pathText, (p) => {
      expect(posixNormalize(p)).toBe(path.posix.normalize(p));
    }), { numRuns: 3000, seed: 42 });
    fc.assert(fc.property(pathText, (p) => {
      expect(win32Normalize(p)).toBe(path.win32.normalize(p));
    }), { numRuns: 3000, seed: 43 });
  });

  it('join exactly as node:path does (posix and win32)', () => {
    fc.assert(fc.property(joinParts, (parts) => {
      expect(posixJoin(...parts)).toBe(path.posix.join(...parts));
    }), { numRuns: 3000, seed: 44 });
    fc.assert(fc.property(joinParts, (parts) => {
      expect(win32Join(...parts)).toBe(path.win32.join(...parts));
    }), { numRuns: 3000, seed: 45 });
  });

  it('handles the paths the app builds', () => {
    expect(win32Join('C:\\Users\\José', '.aws', 'config')).toBe('C:\\Users\\José\\.aws\\config');
    expect(win32Join('\\\\srv\\share\\home', 'x')).toBe('\\\\srv\\share\\home\\x');
    expect(posixJoin('/home/u/', '.config', 'aws-login-tray')).toBe('/home/u/.config/aws-login-tray');
  });
});
