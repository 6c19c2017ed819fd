import { describe, expect, it } from 'vitest';
import { loginCooldown } from '../../src/core/login-cooldown';

const at = Date.UTC(2025, 11, 5, 10, 0, 0);
const failure = { at, message: 'Login to dev-signin was cancelled.' };

describe('loginCooldown', () => {
  it('blocks for the cooldown after a failure, saying why and how to retry now', () => {
    const b = loginCooldown(failure, at + 12_000, 60, 'dev-signin');
    expect(b?.remainingSeconds).toBe(48);
    expect(b?.message).toContain('12 s ago (Login to dev-signin was cancelled)');
    expect(b?.message).toContain('aws-login-tray login dev-signin');
  });

  it('lets a login start once the cooldown has passed, with no failure, or with cooldown 0', () => {
    expect(loginCooldown(failure, at + 60_000, 60, 'p')).toBeNull();
    expect(loginCooldown(null, at, 60, 'p')).toBeNull();
    expect(loginCooldown(failure, at + 1, 0, 'p')).toBeNull();
  });

  it('never blocks longer than the cooldown when the clock moved back', () => {
    expect(loginCooldown(failure, at - 3_600_000, 60, 'p')?.remainingSeconds).toBe(60);
  });
});
