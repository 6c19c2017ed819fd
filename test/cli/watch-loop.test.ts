import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/core/session/types';
import { fitFrame, fitLine, runWatchLoop } from '../../src/cli/watch-loop';
import type { ChangeWatcher } from '../../src/node/watch';
import { capturedContext } from '../support/cli-context';

function fakeWatcher(): ChangeWatcher & { closed: boolean } {
  const w = Object.assign(new EventEmitter(), { closed: false, close() { w.closed = true; }, resources: () => (w.closed ? 0 : 1) });
  return w;
}
const report = {} as StatusReport;

describe('runWatchLoop', () => {
  it('in a terminal: the alternate screen, each frame drawn from the top left and cleared, the last one left behind when stopped', async () => {
    const ctx = capturedContext({});
    const watcher = fakeWatcher();
    let n = 0;
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const done = runWatchLoop(ctx, { isTTY: true, load: () => report, render: () => `frame ${++n}\nline two\n`, stopped, watch: () => watcher, tickMs: 60_000, size: () => ({ columns: 80, rows: 24 }) });
    watcher.emit('changed');
    stop();
    expect(await done).toBe(0);
    expect(ctx.out()).toBe(
      '\x1b[?1049h\x1b[?25l'
      + '\x1b[Hframe 1\x1b[K\nline two\x1b[K\n\x1b[J'
      + '\x1b[Hframe 2\x1b[K\nline two\x1b[K\n\x1b[J'
      + '\x1b[?25h\x1b[?1049lframe 2\nline two\n',
    );
    expect(watcher.closed).toBe(true);
  });

  it('fits a frame to the terminal: lines cut with …, extra lines counted', () => {
    expect(fitFrame('abcdef\nxy\n', 4, 24)).toEqual(['abc…', 'xy']);
    expect(fitFrame('1\n2\n3\n4\n5\n', 60, 4)).toEqual(['1', '2', '… 3 more lines (make the terminal taller)']);
    expect(fitLine('ünïcødé', 4)).toBe('ünï…');
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
