import type { Clock } from '../core/clock';

/** The real clock, for the CLI process (the core itself never reads the system time). */
export const systemClock: Clock = { now: () => Date.now() };
