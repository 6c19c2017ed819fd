import { EXIT_OK, type CliContext } from '../context';
import { statusToJson } from '../render/status-json';
import { renderStatusTable } from '../render/status-table';
import { settingsFileOf } from './status';
import { runWatchLoop, untilInterrupted } from '../watch-loop';
import type { StatusReport } from '../../core/session/types';

/** `status --watch`: the table (or one JSON line per change with --json) until Ctrl-C. */
export async function watchStatus(ctx: CliContext, json: boolean, load: (ctx: CliContext) => StatusReport): Promise<number> {
  await runWatchLoop(ctx, {
    isTTY: !json && process.stdout.isTTY === true,
    // The report already says "waiting for sign-in" while a credential helper waits on the browser.
    load: () => load(ctx),
    render: json ? (report) => JSON.stringify(statusToJson(report)) + '\n' : (report, now) => renderStatusTable(report, now, { settingsFile: settingsFileOf(ctx) }),
    stopped: untilInterrupted(),
    separator: json ? '' : '\n',
  });
  return EXIT_OK;
}
