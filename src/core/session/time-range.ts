/** The latest time we believe from a file as a session time (idToken claims, recorded logins): 2200-01-01. */
export const LATEST_PLAUSIBLE_MS = 7_258_118_400_000;

/** The latest access-token expiry we accept: the end of year 9999, the last one ISO-8601 writes with 4 digits. */
export const LATEST_EXPIRY_MS = 253_402_300_799_999;

const inRange = (ms: unknown, max: number): ms is number => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= max;

/**
 * True for an epoch-ms session time a file can sensibly hold (an idToken's auth_time or iat, a
 * recorded login): finite, from 1970 to 2199. Anything else is ignored, never a crash: the status
 * of one profile must not take down the others (a RangeError from toISOString did).
 */
export function isPlausibleTime(ms: unknown): ms is number {
  return inRange(ms, LATEST_PLAUSIBLE_MS - 1);
}

/**
 * True for an access-token expiry the SDKs and our native fast path also read as a date (1970 to
 * the end of 9999); outside it the cache file is that profile's error.
 */
export function isPlausibleExpiry(ms: unknown): ms is number {
  return inRange(ms, LATEST_EXPIRY_MS);
}
