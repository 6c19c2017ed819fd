/** The latest time we believe from a file: 2200-01-01. Later ones (or 1e20) are corruption, and would overflow Date. */
export const LATEST_PLAUSIBLE_MS = 7_258_118_400_000;

/**
 * True for an epoch-ms time a login cache, idToken or state file can sensibly hold: finite, from
 * 1970 to 2199. Anything else is ignored (a claim) or an error (a cache file), never a crash: the
 * status of one profile must not take down the others (a RangeError from toISOString did).
 */
export function isPlausibleTime(ms: unknown): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms < LATEST_PLAUSIBLE_MS;
}
