/**
 * Sign-In for tests that don't run the stand-in: a closed loopback port, so an introspect, revoke
 * or refresh fails at once and no test ever reaches for AWS's real endpoints.
 */
export const OFFLINE_SIGNIN_URL = 'http://127.0.0.1:1';
