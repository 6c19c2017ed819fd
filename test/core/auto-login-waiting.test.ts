import { describe, expect, it } from 'vitest';
import { parseWaitingState } from '../../src/core/auto-login-waiting';

describe('parseWaitingState', () => {
  it('keeps well-formed entries and skips the rest', () => {
    const parsed = parseWaitingState({ a: { since: 5, pid: 42 }, b: { since: 'x', pid: 1 }, c: { since: 1, pid: -3 }, d: null, e: { since: 2, pid: 1.5 } });
    expect([...parsed]).toEqual([['a', { since: 5, pid: 42 }]]);
    expect(parseWaitingState(null).size).toBe(0);
    expect(parseWaitingState([{ since: 1, pid: 1 }]).size).toBe(0);
  });
});
