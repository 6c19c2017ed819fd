import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import type { ProcessCredentials } from '../core/credential-json';

/** Attempts of one refresh: a Sign-In endpoint that accepts and never answers must not hold the session lock. */
export const REFRESH_MAX_ATTEMPTS = 2;

/**
 * The SDK's Signin client warns on stderr (a multi-line NodeVersionSupportWarning) when Node is older
 * than it likes, checked each time a client is built; the helper's stderr must stay empty on success.
 * The switch is the one @aws-sdk/core's emitWarningIfUnsupportedVersion reads.
 */
export function silenceSdkNodeVersionWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

/** The SDK's "Failed to refresh token: …" warning as one plain sentence (no secret is in it). */
export function refreshProblem(warning: string, timeoutMs: number): string {
  if (/TimeoutError|requestTimeout|ETIMEDOUT/.test(warning)) return `AWS Sign-In did not answer within ${Math.round(timeoutMs / 1000)} s`;
  if (/region is missing|Missing Region/i.test(warning)) return 'the sign-in profile has no region, so the SDK cannot refresh it (add `region = …` to the profile)';
  const net = /\b(ENOTFOUND|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)\b/.exec(warning);
  if (net) return `cannot reach AWS Sign-In (${net[1]})`;
  return warning.replace(/\s*Using existing token until expiry\.?$/, '').replace(/\.+$/, '');
}

/**
 * Refreshes with the official SDK provider (it re-reads the cache and writes the rotated token back).
 * Each attempt's connect and each wait for data is bounded by timeoutMs (settings.signinTimeoutSeconds,
 * default 10 s): worst case about 2 attempts × (connect + answer), 40 s with the default.
 */
export async function sdkRefresh(signinProfile: string, timeoutMs = 10_000): Promise<ProcessCredentials> {
  silenceSdkNodeVersionWarning();
  // When the token call fails (timeout, network, no region) but the cached keys have not expired,
  // the provider only warns and hands those back unrefreshed: that is a failed refresh, not a success.
  let unrefreshed: string | null = null;
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    error: () => undefined,
    warn: (message: unknown) => {
      if (typeof message === 'string' && message.startsWith('Failed to refresh token')) unrefreshed = message;
    },
  };
  const c = await fromLoginCredentials({
    profile: signinProfile,
    logger,
    clientConfig: {
      maxAttempts: REFRESH_MAX_ATTEMPTS,
      // Without throwOnRequestTimeout the handler only warns (on stderr) and keeps waiting.
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
    },
  })();
  if (unrefreshed !== null) throw new Error(refreshProblem(unrefreshed, timeoutMs));
  if (!c.sessionToken || !c.expiration) throw new Error('The refreshed credentials have no session token or expiry.');
  return {
    accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.getTime(),
    ...(c.accountId ? { accountId: c.accountId } : {}),
  };
}
