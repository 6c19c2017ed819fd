/** Reports ongoing problems: each notifies once until its message changes or it clears. */
export interface ProblemReporter {
  /** `source` now has this problem (a message) or none (null); notifies only for a new message. */
  set(source: string, message: string | null): void;
}

/**
 * The one place that de-duplicates problems seen again and again (a broken config on every
 * minute's refresh and on every warning replan), so they raise one notification, not one a minute.
 */
export function createProblemReporter(notify: (message: string) => void): ProblemReporter {
  const current = new Map<string, string>();
  return {
    set(source, message) {
      if (message === null) {
        current.delete(source);
        return;
      }
      if (current.get(source) === message) return;
      current.set(source, message);
      notify(message);
    },
  };
}
