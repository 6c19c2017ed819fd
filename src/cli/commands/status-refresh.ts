// `status --refresh`: asks Sign-In about each live session before the table is printed. Its own
// bundle (cli-status-refresh.cjs), so plain `status` never loads the signer or the SDK.
import { resolveAppHome } from '../../core/app-home';
import type { StatusReport } from '../../core/session/types';
import { openAppStore } from '../../node/app-store';
import { nodeFilePort } from '../../node/fs-port';
import { checkSession, type SessionCheckResult } from '../../node/signin/session-check';
import type { CliContext } from '../context';
import { sessionsToCheck } from '../../core/session/rules';
import { signinTimeoutMs } from '../../core/settings';

/** One line per session that Sign-In could not date, for stderr (secret-free). */
function note(profile: string, r: SessionCheckResult): string | null {
  if (r.kind === 'checked' && r.outcome.kind === 'failed') {
    return r.outcome.denied
      ? `${profile}: Sign-In refused to tell the session's end (${r.outcome.problem}); showing an estimate. Allow signin:IntrospectOAuth2Token to see the exact end.`
      : `${profile}: could not ask Sign-In when the session ends (${r.outcome.problem}); showing an estimate.`;
  }
  if (r.kind === 'ended') return `${profile}: the session has ended (${r.problem}).`;
  return null;
}

/** Introspects every live `aws login` session of the report, one at a time, each bounded. */
export async function refreshSessions(ctx: CliContext, report: StatusReport): Promise<string[]> {
  const store = openAppStore(resolveAppHome(ctx.env, ctx.platform, ctx.homeDir));
  const notes: string[] = [];
  const timeoutMs = signinTimeoutMs(store.loadSettings());
  for (const row of sessionsToCheck(report.profiles)) {
    const r = await checkSession(row.name, { env: ctx.env, platform: ctx.platform, homeDir: ctx.homeDir, files: nodeFilePort, store, clock: ctx.clock, timeoutMs });
    const line = note(row.name, r);
    if (line) notes.push(line);
  }
  return notes;
}
