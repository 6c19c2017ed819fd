import { describe, expect, it } from 'vitest';
import { trimSpaceTab } from '../../../src/core/config/trim';

describe('trimSpaceTab', () => {
  it('trims spaces and tabs at both ends only', () => {
    expect(trimSpaceTab(' \t a = b \t ')).toBe('a = b');
    expect(trimSpaceTab('a')).toBe('a');
    expect(trimSpaceTab(' \t ')).toBe('');
    expect(trimSpaceTab('')).toBe('');
  });

  it('keeps other whitespace, as the SDK parsers do', () => {
    expect(trimSpaceTab('\u00a0a\u00a0')).toBe('\u00a0a\u00a0');
    expect(trimSpaceTab('\ra\n')).toBe('\ra\n');
  });
});
