import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLineHunks, diffLines, splitKeepingEnds, textFingerprint } from '../../../src/core/auto-login/line-patch';

const lineArb = fc.constantFrom('[profile a]', 'region = x', '', 'login_session = arn', '# c', 'k = v');
const textArb = fc
  .record({ lines: fc.array(lineArb, { maxLength: 12 }), eol: fc.constantFrom('\n', '\r\n'), end: fc.boolean(), bom: fc.boolean() })
  .map((t) => (t.bom ? '\uFEFF' : '') + t.lines.join(t.eol) + (t.end && t.lines.length > 0 ? t.eol : ''));

describe('line patches', () => {
  it('turn any edited text back into the original (property)', () => {
    fc.assert(fc.property(textArb, textArb, (original, edited) => {
      expect(applyLineHunks(edited, diffLines(original, edited))).toBe(original);
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
});
