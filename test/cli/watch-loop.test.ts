import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/core/session/types';
import { runWatchLoop } from '../../src/cli/watch-loop';
import type { ChangeWatcher } from '../../src/node/watch';
import { capturedContext } from '../support/cli-context';

function fakeWatcher(): ChangeWatcher & { closed: boolean } {
  const w = Object.assign(new EventEmitter(), { closed: false, close() { w.closed = true; }, resources: () => (w.closed ? 0 : 1) });
  return w;
}
const report = {} as StatusReport;

describe('runWatchLoop', () => {
  it('in a terminal: hides the cursor, redraws in place, and restores the cursor when stopped', async () => {
    const ctx = capturedContext({});
    const watcher = fakeWatcher();
    let n = 0;
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runWatchLoop(ctx, { isTTY: true, load: () => report, render: () => `frame ${++n}\nline two\n`, stopped, watch: () => watcher, tickMs: 60_000 });
    watcher.emit('changed');
    stop();
    expect(await done).toBe(0);
    expect(ctx.out()).toBe('\x1b[?25lframe 1\nline two\n\x1b[2F\x1b[0Jframe 2\nline two\n\x1b[?25h');
    expect(watcher.closed).toBe(true);
  });

  it('piped: one frame per change, skipping changes that change nothing, and a load error is shown not thrown', async () => {
    const ctx = capturedContext({});
    const watcher = fakeWatcher();
    const frames = ['A\n', 'A\n', 'B\n'];
    let fail = false;
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runWatchLoop(ctx, {
      isTTY: false, stopped, watch: () => watcher,
      load: () => { if (fail) throw new Error('/x/config:3: bad line'); return report; },
      render: () => frames.shift() ?? 'C\n',
    });
    watcher.emit('changed');
    watcher.emit('changed');
    fail = true;
    watcher.emit('changed');
    stop();
    await done;
    expect(ctx.out()).toBe('A\n\nB\n\n/x/config:3: bad line\n');
  });
});
