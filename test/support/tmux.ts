import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** A command running in a real pseudo-terminal (a detached tmux session on a private socket). */
export interface TmuxPane {
  /** The screen as shown, wrapped lines joined (-J). */
  screen(): string;
  /** The visible screen exactly as drawn, one entry per terminal row. */
  rows(): string[];
  /** tmux send-keys, e.g. ('C-c') or ('abc', 'Enter'). */
  keys(...keys: string[]): void;
  /** Sends literal text (no key names). */
  type(text: string): void;
  /** True while the command runs. */
  alive(): boolean;
  close(): void;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Starts `argv` with exactly `env` in a width×height terminal. The pane stays after the command
 * exits (remain-on-exit), so its last output can still be read.
 */
export function startInTmux(argv: string[], env: Record<string, string>, width = 80, height = 24): TmuxPane {
  const socket = `alt-${randomBytes(6).toString('hex')}`;
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', HOME: env.HOME ?? '/tmp' } });
  const command = ['env', '-i', ...Object.entries({ TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${v}`), ...argv].map(shellQuote).join(' ');
  tmux('new-session', '-d', '-s', 'main', '-x', String(width), '-y', String(height), `${command}; sleep 30`);
  tmux('set-option', '-t', 'main', 'remain-on-exit', 'on');
  const pane = 'main:0.0';
  return {
    screen: () => tmux('capture-pane', '-p', '-J', '-t', pane),
    rows: () => tmux('capture-pane', '-p', '-t', pane).replace(/\n$/, '').split('\n'),
    keys: (...keys) => void tmux('send-keys', '-t', pane, ...keys),
    type: (text) => void tmux('send-keys', '-t', pane, '-l', text),
    alive: () => {
      const cmd = tmux('display-message', '-p', '-t', pane, '#{pane_current_command}').trim();
      return cmd !== 'sleep';
    },
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
    },
  };
}
