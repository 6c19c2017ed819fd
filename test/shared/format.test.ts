import { describe, expect, it } from 'vitest';
import { formatHMm, formatMmSs, stateLabel } from '../../src/shared/format';

describe('format', () => {
  it('formats mm:ss, flooring and clamping at zero', () => {
    expect(formatMmSs(0)).toBe('00:00');
    expect(formatMmSs(9_999)).toBe('00:09');
    expect(formatMmSs(10 * 60_000 + 5_000)).toBe('10:05');
    expect(formatMmSs(125 * 60_000)).toBe('125:00');
    expect(formatMmSs(-5_000)).toBe('00:00');
  });
  it('formats h:mm, flooring and clamping at zero', () => {
    expect(formatHMm(59_999)).toBe('0:00');
    expect(formatHMm(65 * 60_000)).toBe('1:05');
    expect(formatHMm(12 * 3_600_000)).toBe('12:00');
    expect(formatHMm(-1)).toBe('0:00');
  });
  it('labels every state', () => {
    expect(['active', 'expiring', 'expired', 'logged-out', 'error'].map((s) => stateLabel(s as never))).toEqual([
      'Active', 'Expiring', 'Expired', 'Logged out', 'Error',
    ]);
  });
});
