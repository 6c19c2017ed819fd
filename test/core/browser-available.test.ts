import { describe, expect, it } from 'vitest';
import { noBrowserMessage, noBrowserReason } from '../../src/core/browser-available';

describe('noBrowserReason', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux', () => {
    expect(noBrowserReason({}, 'linux')).toBe('no-display');
    expect(noBrowserReason({ DISPLAY: '' }, 'linux')).toBe('no-display');
    expect(noBrowserReason({ DISPLAY: ':0' }, 'linux')).toBeNull();
    expect(noBrowserReason({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBeNull();
  });

  it('sees no browser in an SSH session without a display on any OS', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(noBrowserReason({ SSH_CONNECTION: '1.2.3.4 1 5.6.7.8 22' }, platform)).toBe('ssh');
      expect(noBrowserReason({ SSH_TTY: '/dev/pts/1' }, platform)).toBe('ssh');
    }
    expect(noBrowserReason({ SSH_TTY: '/dev/pts/1', DISPLAY: 'localhost:10.0' }, 'linux')).toBeNull();
  });

  it('trusts a desktop macOS or Windows session, and the explicit override', () => {
    expect(noBrowserReason({}, 'darwin')).toBeNull();
    expect(noBrowserReason({}, 'win32')).toBeNull();
    expect(noBrowserReason({ AWS_LOGIN_TRAY_ASSUME_BROWSER: '1' }, 'linux')).toBeNull();
  });

  it('names the by-hand step with the sign-in profile', () => {
    expect(noBrowserMessage('dev-signin', 'ssh')).toBe(
      'No browser available here (SSH session?). Run `aws login --remote --profile dev-signin` by hand, then retry.',
    );
  });
});
