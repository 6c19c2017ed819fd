const MINUTE = 60_000;

/** "about 1 hour 30 minutes": a rounded time left, in words a person reads at a glance. */
export function describeTimeLeft(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return `about ${unit(minutes, 'minute')}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${unit(hours, 'hour')}${rest > 0 ? ` ${unit(rest, 'minute')}` : ''}`;
}

/** Title and body of a session warning; the text follows the real time left, not the lead. */
export function warningText(profile: string, sessionExpiresAt: number, now: number, estimated = true): { title: string; body: string; ended: boolean } {
  const left = sessionExpiresAt - now;
  const est = estimated ? ' (estimated)' : '';
  if (left <= 0) {
    return {
      title: `AWS session '${profile}' has ended`,
      body: `AWS session '${profile}' has ended${est} — click to log in again.`,
      ended: true,
    };
  }
  const inWords = describeTimeLeft(left);
  return {
    title: `AWS session '${profile}' ends in ${inWords}`,
    body: `AWS session '${profile}' ends in ${inWords}${est} — click to log in again now.`,
    ended: false,
  };
}
