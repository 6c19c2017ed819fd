import path from 'node:path';
import { resolveAppHome } from '../../core/app-home';
import { buildStatusReport } from '../../core/status';
import type { StatusReport } from '../../core/session/types';
import { openAppStore } from '../../node/app-store';
import { factsIndexPath, loadFactsIndex, saveFactsIndex } from '../../node/facts-index-store';
import { nodeFilePort } from '../../node/fs-port';
import { nativeSha256Hex } from '../../node/native-sha256';
import { loadKnowledge } from '../../node/session-knowledge-store';
import { readWaitingSignIns } from '../../node/auto-login-waiting';
import { parseArgs } from '../args';
import { EXIT_OK, type CliContext } from '../context';
import { statusToJson } from '../render/status-json';
import { noConfigHint, renderStatusTable } from '../render/status-table';
import type { Command } from './types';

/**
 * The report the CLI shows, from the real files and this app's settings and recorded logins. The
 * facts index in the app home lets it skip cache files that did not change since the last run.
 */
export function loadStatusReport(ctx: CliContext, o: { pythonCompat?: boolean } = {}): StatusReport {
  const home = resolveAppHome(ctx.env, ctx.platform, ctx.homeDir);
  const store = openAppStore(home);
  const indexFile = factsIndexPath(home);
  const factsIndex = loadFactsIndex(indexFile);
  const report = buildStatusReport({
    files: nodeFilePort,
    env: ctx.env,
    platform: ctx.platform,
    clock: ctx.clock,
    settings: store.loadSettings(),
    recordedLogins: store.loadRecordedLogins(),
    knowledge: loadKnowledge(store),
    waitingSignIns: readWaitingSignIns(store),
    homeDir: ctx.homeDir,
    factsIndex,
    sha256Hex: nativeSha256Hex,
    pythonCompat: o.pythonCompat,
  });
  saveFactsIndex(indexFile, factsIndex);
  return report;
}

/** The settings file the table names for the maximum session length. */
export function settingsFileOf(ctx: CliContext): string {
  return (ctx.platform === 'win32' ? path.win32 : path.posix).join(resolveAppHome(ctx.env, ctx.platform, ctx.homeDir), 'settings.json');
}

/** `status`: every profile's state, refresh and session countdowns; `--json` for scripts. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'Show every profile: kind, state, next refresh, session left, region, account',
  usage: [
    'Usage: aws-login-tray status [--json] [--watch] [--refresh]',
    '',
    'Shows every AWS profile with its login state. NEXT REFRESH is when the 15-minute credentials',
    'are due for refresh (the SDKs do it on the next AWS call); SESSION LEFT is the time to the',
    "session's end: exact when AWS Sign-In told us (--refresh asks it, the tray asks every 30",
    'minutes), otherwise an estimate, marked ~ (the default for the principal: IAM user 12 h, role',
    '1 h; a length learned from earlier sessions; or your setting).',
    '',
    'Options:',
    '  --json      Print {"profiles":[...]} with ISO-8601 times (null where unknown)',
    '  --refresh   First ask AWS Sign-In when each live session ends (network; each call bounded,',
    '              about 10 s at most); needs signin:IntrospectOAuth2Token, else the estimate stays',
    '  --watch     Keep the table on screen, redrawn on every change and each second (Ctrl-C stops);',
    '              piped, print a new table (or JSON line) per change',
    '  -h, --help  Show this help',
    '',
    'Exit status: 0, or 2 when a file cannot be read or holds a config the AWS SDKs reject.',
    '',
  ].join('\n'),
  async run(args, ctx) {
    const { options } = parseArgs(args, { json: { type: 'boolean' }, watch: { type: 'boolean' }, refresh: { type: 'boolean' } });
    if (options.refresh) {
      // Loaded only for --refresh (the signer, the SDK refresh), so plain `status` stays fast.
      const { refreshSessions } = await import('./status-refresh');
      for (const line of await refreshSessions(ctx, loadStatusReport(ctx))) ctx.stderr(`${line}\n`);
    }
    // Loaded only for --watch, so plain `status` stays as fast to start as before.
    if (options.watch) return import('./status-watch').then((m) => m.watchStatus(ctx, options.json, loadStatusReport));
    // The JSON has no notes: what Python clients read differently is for the table (and doctor).
    const report = loadStatusReport(ctx, { pythonCompat: !options.json });
    if (options.json) {
      ctx.stdout(JSON.stringify(statusToJson(report)) + '\n');
      if (!report.configFound) ctx.stderr(noConfigHint(report) + '\n');
    } else {
      ctx.stdout(renderStatusTable(report, ctx.clock.now(), { settingsFile: settingsFileOf(ctx) }));
    }
    return EXIT_OK;
  },
};
