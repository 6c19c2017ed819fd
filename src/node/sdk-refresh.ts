import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import type { ProcessCredentials } from '../core/credential-json';

/** Bounds of one refresh call: a Sign-In endpoint that accepts and never answers must not hold the session lock. */
export const REFRESH_TIMEOUTS = { connectionTimeoutMs: 5_000, requestTimeoutMs: 10_000, maxAttempts: 2 } as const;

/**
 * The SDK's Signin client warns on stderr (a multi-line NodeVersionSupportWarning) when Node is older
 * than it likes, checked each time a client is built; the helper's stderr must stay empty on success.
 * The switch is the one @aws-sdk/core's emitWarningIfUnsupportedVersion reads.
 */
export function silenceSdkNodeVersionWarning(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}

/**
 * Refreshes with the official SDK provider (it re-reads the cache and writes the rotated token back).
 * Each attempt is bounded (REFRESH_TIMEOUTS): worst case about 2 × (5 s + 10 s).
 */
export async function sdkRefresh(signinProfile: string): Promise<ProcessCredentials> {
  silenceSdkNodeVersionWarning();
  const c = await fromLoginCredentials({
    profile: signinProfile,
    clientConfig: {
      maxAttempts: REFRESH_TIMEOUTS.maxAttempts,
      requestHandler: { connectionTimeout: REFRESH_TIMEOUTS.connectionTimeoutMs, requestTimeout: REFRESH_TIMEOUTS.requestTimeoutMs },
    },
  })();
  if (!c.sessionToken || !c.expiration) throw new Error('The refreshed credentials have no session token or expiry.');
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.getTime() };
}
