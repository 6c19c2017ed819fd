import { recordProvenLength, type SessionKnowledge } from './knowledge';
import type { StatusReport } from './types';

/**
 * Lengths a status report proves: a session whose end is 'observed' and not over was refreshed
 * after its estimate, so it lasts at least that long. Returns the knowledge unchanged (same object)
 * when nothing new was learned, so callers write only on change.
 */
export function learnFromReport(report: StatusReport, k: SessionKnowledge): SessionKnowledge {
  let next = k;
  for (const p of report.profiles) {
    if (p.sessionEndSource !== 'observed' || p.state === 'expired' || !p.loginSession) continue;
    if (p.sessionStartedAt === null || p.sessionExpiresAt === null) continue;
    next = recordProvenLength(next, p.loginSession, p.sessionExpiresAt - p.sessionStartedAt);
  }
  return next;
}
