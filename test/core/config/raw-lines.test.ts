import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../../src/core/config/ini';
import { fromRawLines, insertLine, removeLines, toRawLines } from '../../../src/core/config/raw-lines';

describe('raw lines', () => {
  it('round-trips any text byte for byte and numbers lines like the parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\uFEFF', 'é') }), (text) => {
        const raw = toRawLines(text);
        expect(fromRawLines(raw)).toBe(text);
        expect(raw.lines).toEqual(splitLines(text).lines);
      }),
    );
  });

  it('keeps a missing final newline missing when inserting and removing at the end', () => {
    const raw = toRawLines('a\r\nb');
    insertLine(raw, 2, 'c', '\r\n');
    expect(fromRawLines(raw)).toBe('a\r\nb\r\nc');
    removeLines(raw, 3, 3);
    expect(fromRawLines(raw)).toBe('a\r\nb');
    insertLine(raw, 0, 'top', '\n');
    expect(fromRawLines(raw)).toBe('top\na\r\nb');
  });
});
