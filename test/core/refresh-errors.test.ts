import { describe, expect, it } from 'vitest';
import { classifyRefreshError } from '../../src/core/refresh-errors';

describe('classifyRefreshError', () => {
  it.each([
    'Your session has expired. Please reauthenticate.',
    'Unable to refresh credentials because of a change in your password. Please reauthenticate with your new password.',
    'Failed to refresh token: AccessDeniedException: x. Please re-authenticate using `aws login`',
    'Failed to load token from /home/a/.aws/login/cache/abc.json: Error: ENOENT',
    'Failed to load a token for session arn:aws:sts::1:assumed-role/A/b, please re-authenticate using aws login',
  ])('a session that ended needs a login: %s', (message) => {
    expect(classifyRefreshError(message)).toBe('session-ended');
  });

  it.each([
    "Unable to refresh credentials due to insufficient permissions. You may be missing permission for the 'CreateOAuth2Token' action.",
    'Failed to refresh token: Error: getaddrinfo ENOTFOUND signin.eu-west-1.amazonaws.com. Please re-authenticate using aws login',
  ])('anything else is a plain failure: %s', (message) => {
    expect(classifyRefreshError(message)).toBe('failed');
  });
});
