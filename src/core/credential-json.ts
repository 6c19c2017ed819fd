/** Refresh when fewer than this many ms remain, as the AWS CLI and SDKs do (see docs: "Lifetimes"). */
export const REFRESH_WINDOW_MS = 5 * 60_000;

/** The short-lived credentials a `credential_process` hands to the AWS CLI or an SDK. */
export interface ProcessCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO-8601 text (as in the login cache) or epoch ms. */
  expiration: string | number;
  /** The account the credentials belong to (the cache's accessToken.accountId); botocore and the JS SDK read it. */
  accountId?: string;
}

/** True while credentials can be handed out without a refresh (more than 5 minutes left). */
export function isFresh(expiresAtMs: number, nowMs: number): boolean {
  return Number.isFinite(expiresAtMs) && expiresAtMs - nowMs > REFRESH_WINDOW_MS;
}

/** ISO-8601 in UTC; text that already parses is kept as written so nothing is lost in translation. */
function iso(expiration: string | number): string {
  if (typeof expiration === 'number') return new Date(expiration).toISOString();
  if (!Number.isFinite(Date.parse(expiration))) throw new Error('The credentials have no readable expiry time.');
  return expiration;
}

/**
 * The exact stdout of a `credential_process`: one JSON line in the documented Version 1 shape.
 * Holds secrets: write it to stdout only, never to a log or stderr.
 */
export function credentialProcessJson(creds: ProcessCredentials): string {
  return (
    JSON.stringify({
      Version: 1,
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: iso(creds.expiration),
      // Last, so the line starts as before; the native fast path prints the same bytes in this order.
      ...(creds.accountId ? { AccountId: creds.accountId } : {}),
    }) + '\n'
  );
}
