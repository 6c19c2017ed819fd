/** The renderer's one source of time, so tests (or Playwright's clock) can control it. */
export interface RendererClock {
  now(): number;
  /** Calls `tick` every `ms` milliseconds; returns a function that stops it. */
  every(ms: number, tick: () => void): () => void;
}

/** The browser's own clock and timers. */
export const systemClock: RendererClock = {
  now: () => Date.now(),
  every(ms, tick) {
    const id = window.setInterval(tick, ms);
    return () => window.clearInterval(id);
  },
};
