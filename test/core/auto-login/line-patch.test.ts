import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disableAutoLogin, enableAutoLogin } from '../../../src/core/auto-login';
import { applyLineHunks, diffLines, splitKeepingEnds, textFingerprint } from '../../../src/core/auto-login/line-patch';

const lineArb = fc.constantFrom('[profile a]', '[profile b]', 'region = x', '', 'login_session = arn', '# c', 'k = v');
const textArb = fc
  .record({ lines: fc.array(lineArb, { maxLength: 12 }), eol: fc.constantFrom('\n', '\r\n'), end: fc.boolean(), bom: fc.boolean() })
  .map((t) => (t.bom ? '\uFEFF' : '') + t.lines.join(t.eol) + (t.end && t.lines.length > 0 ? t.eol : ''));

describe('line patches', () => {
  it('turn any edited text back into the original (property)', () => {
    fc.assert(fc.property(textArb, textArb, (original, edited) => {
      expect(applyLineHunks(edited, diffLines(original, edited))).toBe(original);
    }), { numRuns: 500 });
  });

  it('turn any edited text back into the original when diffed section by section (property)', () => {
    fc.assert(fc.property(textArb, textArb, (original, edited) => {
      expect(applyLineHunks(edited, diffLines(original, edited, 0))).toBe(original);
    }), { numRuns: 500 });
  });

  it('keep only the changed lines', () => {
    const original = 'a\nb\nold\nc\nd\n';
    const edited = 'a\nb\nnew\nadded\nc\nd\n';
    expect(diffLines(original, edited)).toEqual([{ at: 2, remove: 2, insert: ['old\n'] }]);
  });

  it('split text with its own line endings', () => {
    expect(splitKeepingEnds('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c']);
    expect(splitKeepingEnds('')).toEqual([]);
  });

  it('fingerprint tells texts apart', () => {
    expect(textFingerprint('a\n')).not.toBe(textFingerprint('a\r\n'));
    expect(textFingerprint('x')).toBe(textFingerprint('x'));
  });

  it('never store lines of sections the edit left alone, however big the file (no secret of another profile in the undo record)', () => {
    const SECRET = 'FAKEsecretNOTrealDONOTuse0000000000000000';
    const filler = Array.from({ length: 1500 }, (_, k) => `[profile p${k}]\nregion = us-east-1\n`).join('');
    const original = `[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/alice\n\n[profile keys]\naws_access_key_id = AKIAFAKE\naws_secret_access_key = ${SECRET}\n${filler}`;
    const configFile = '/home/a/.aws/config';
    const on = enableAutoLogin({ configText: original, configFile, credentials: null, profile: 'dev', region: 'eu-west-1', commandFor: (x) => `/bin/aws-login-tray-credential-process --profile ${x}` });
    if (!on.ok || !on.undo) throw new Error('enable failed');
    // Both texts have > 3000 lines, so the exact diff would need more than 4M cells.
    expect(splitKeepingEnds(original).length * splitKeepingEnds(on.text).length).toBeGreaterThan(4_000_000);
    const record = JSON.stringify(on.undo);
    expect(record.includes(SECRET)).toBe(false);
    expect(record.includes('[profile p7]')).toBe(false);
    expect(on.undo.hunks.reduce((n, h) => n + h.insert.length, 0)).toBeLessThanOrEqual(3);
    const off = disableAutoLogin({ configText: on.text, configFile, credentials: null, profile: 'dev', undo: on.undo });
    expect(off.ok && off.text === original).toBe(true);
  });
});
