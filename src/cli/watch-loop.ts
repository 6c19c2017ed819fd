import type { StatusReport } from '../core/session/types';
import { watchAwsFiles, type ChangeWatcher } from '../node/watch';
import { EXIT_OK, type CliContext } from './context';

/** What `status --watch` needs besides the CLI context (injected so tests can drive it). */
export interface WatchLoopDeps {
  /** Redraw in place (a terminal) or print one frame per change (a pipe or file). */
  isTTY: boolean;
  load(): StatusReport;
  render(report: StatusReport, now: number): string;
  /** Resolves when the user wants to stop (Ctrl-C). */
  stopped: Promise<void>;
  watch?(report: StatusReport): ChangeWatcher;
  /** Printed between frames when piped (default a blank line; '' for JSON lines). */
  separator?: string;
  /** Countdown redraw interval in a terminal (default 1000 ms). */
  tickMs?: number;
}

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
/** Cursor up to the start of the frame drawn `lines` lines ago, and clear from there down. */
const rewind = (lines: number): string => (lines > 0 ? `\x1b[${lines}F\x1b[0J` : '');

/**
 * Keeps `status` on screen: redraws when the AWS files change and every second for the countdowns
 * (terminal), or prints a new frame per change (pipe). Leaves the cursor visible and the last
 * frame on screen when stopped.
 */
export async function runWatchLoop(ctx: CliContext, deps: WatchLoopDeps): Promise<number> {
  let drawnLines = 0;
  let lastFrame = '';
  const frame = (): string => {
    try {
      return deps.render(deps.load(), ctx.clock.now());
    } catch (err) {
      // A half-written config must not end the watch: show the problem until the next change.
      return `${err instanceof Error ? err.message : String(err)}\n`;
    }
  };
  const draw = (onChange: boolean): void => {
    const text = frame();
    if (!deps.isTTY) {
      if (onChange && text !== lastFrame) ctx.stdout(`${lastFrame === '' ? '' : (deps.separator ?? '\n')}${text}`);
      lastFrame = text;
      return;
    }
    ctx.stdout(rewind(drawnLines) + text);
    drawnLines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  };

  const first = deps.load();
  const watcher = (deps.watch ?? ((r: StatusReport) => watchAwsFiles(r)))(first);
  if (deps.isTTY) ctx.stdout(HIDE_CURSOR);
  draw(true);
  watcher.on('changed', () => draw(true));
  // Also keeps the process alive while piped (the file watchers do not hold the event loop open).
  const tick = setInterval(() => deps.isTTY && draw(false), deps.tickMs ?? 1000);
  try {
    await deps.stopped;
  } finally {
    clearInterval(tick);
    watcher.close();
    if (deps.isTTY) ctx.stdout(SHOW_CURSOR);
  }
  return EXIT_OK;
}

/** Resolves on the first SIGINT/SIGTERM/SIGHUP (and stops listening for them). */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      process.off('SIGHUP', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
    process.on('SIGHUP', done);
  });
}
