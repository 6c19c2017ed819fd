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
  /** The terminal's size now (default: stdout's columns and rows, else 80×24). */
  size?(): { columns: number; rows: number };
}

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
/** The alternate screen: the watch draws there and leaves the shell's scrollback alone. */
const ENTER_ALT = '\x1b[?1049h';
const LEAVE_ALT = '\x1b[?1049l';
/** Cursor to the top left; clear to the end of the line; clear to the end of the screen. */
const HOME = '\x1b[H';
const CLEAR_EOL = '\x1b[K';
const CLEAR_EOS = '\x1b[J';

/** A line cut to `width` characters, ending in "…" when cut (the table holds no wide characters but names might: counted per code point). */
export function fitLine(line: string, width: number): string {
  const chars = [...line];
  return chars.length <= width ? line : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/**
 * A frame fitted to the terminal: no line longer than the width (so nothing wraps and the redraw
 * stays in place), and at most `rows - 1` lines, the last saying how many more there are.
 */
export function fitFrame(text: string, columns: number, rows: number): string[] {
  const lines = text.replace(/\n$/, '').split('\n').map((l) => fitLine(l, Math.max(1, columns)));
  const room = Math.max(1, rows - 1);
  if (lines.length <= room) return lines;
  const kept = lines.slice(0, room - 1);
  return [...kept, fitLine(`… ${lines.length - kept.length} more lines (make the terminal taller)`, columns)];
}

const terminalSize = (): { columns: number; rows: number } => ({ columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 });

/**
 * Keeps `status` on screen: redraws when the AWS files change and every second for the countdowns
 * (terminal), or prints a new frame per change (pipe). Leaves the cursor visible and the last
 * frame on screen when stopped.
 */
export async function runWatchLoop(ctx: CliContext, deps: WatchLoopDeps): Promise<number> {
  let lastFrame = '';
  const size = deps.size ?? terminalSize;
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
    lastFrame = text;
    // Redraw in place: home, each line cleared to its end, then the rest of the screen cleared.
    const { columns, rows } = size();
    ctx.stdout(`${HOME}${fitFrame(text, columns, rows).map((l) => `${l}${CLEAR_EOL}`).join('\n')}\n${CLEAR_EOS}`);
  };

  const first = deps.load();
  const watcher = (deps.watch ?? ((r: StatusReport) => watchAwsFiles(r)))(first);
  if (deps.isTTY) ctx.stdout(ENTER_ALT + HIDE_CURSOR);
  draw(true);
  watcher.on('changed', () => draw(true));
  // Also keeps the process alive while piped (the file watchers do not hold the event loop open).
  const tick = setInterval(() => deps.isTTY && draw(false), deps.tickMs ?? 1000);
  try {
    await deps.stopped;
  } finally {
    clearInterval(tick);
    watcher.close();
    if (deps.isTTY) {
      // Back to the shell's screen, with the last frame left there (fitted, so it reads as it did).
      ctx.stdout(`${SHOW_CURSOR}${LEAVE_ALT}${fitFrame(lastFrame, size().columns, Number.MAX_SAFE_INTEGER).join('\n')}\n`);
    }
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
