import { describe, expect, it } from 'vitest';
import { formatCountdown, formatDuration, stateLabel } from '../../src/shared/format';

describe('format', () => {
  it('formats durations as hours and minutes a person reads at once, flooring and clamping at zero', () => {
    expect(formatDuration(9 * 3_600_000 + 12 * 60_000 + 59_999)).toBe('9 h 12 m');
    expect(formatDuration(42 * 60_000)).toBe('42 m');
    expect(formatDuration(60 * 60_000)).toBe('1 h 0 m');
    expect(formatDuration(59_999)).toBe('<1 m');
    expect(formatDuration(0)).toBe('0 m');
    expect(formatDuration(-1)).toBe('0 m');
  });
  it('formats countdowns in minutes and seconds, named so', () => {
    expect(formatCountdown(3 * 60_000 + 10_000)).toBe('3 m 10 s');
    expect(formatCountdown(10 * 60_000 + 5_999)).toBe('10 m 05 s');
    expect(formatCountdown(45_000)).toBe('45 s');
    expect(formatCountdown(0)).toBe('0 s');
    expect(formatCountdown(-5_000)).toBe('0 s');
    expect(formatCountdown(125 * 60_000)).toBe('2 h 05 m');
  });
  it('labels every state', () => {
    expect(['active', 'expiring', 'expired', 'logged-out', 'error'].map((s) => stateLabel(s as never))).toEqual([
      'Active', 'Expiring', 'Expired', 'Logged out', 'Error',
    ]);
  });
});
