import { EXIT_OK, type CliContext } from '../context';
import { statusToJson } from '../render/status-json';
import { renderStatusTable } from '../render/status-table';
import { settingsFileOf } from './status';
import { runWatchLoop, untilInterrupted } from '../watch-loop';
import type { StatusReport } from '../../core/session/types';
import { resolveAppHome } from '../../core/app-home';
import { markWaitingForSignIn } from '../../core/auto-login-waiting';
import { openAppStore } from '../../node/app-store';
import { readWaitingSignIns } from '../../node/auto-login-waiting';

/** `status --watch`: the table (or one JSON line per change with --json) until Ctrl-C. */
export async function watchStatus(ctx: CliContext, json: boolean, load: (ctx: CliContext) => StatusReport): Promise<number> {
  const store = openAppStore(resolveAppHome(ctx.env, ctx.platform, ctx.homeDir));
  await runWatchLoop(ctx, {
    isTTY: !json && process.stdout.isTTY === true,
    // Also what the tray shows: "waiting for sign-in" while a credential helper waits on the browser.
    load: () => markWaitingForSignIn(load(ctx), readWaitingSignIns(store)),
    render: json ? (report) => JSON.stringify(statusToJson(report)) + '\n' : (report, now) => renderStatusTable(report, now, { settingsFile: settingsFileOf(ctx) }),
    stopped: untilInterrupted(),
    separator: json ? '' : '\n',
  });
  return EXIT_OK;
}
