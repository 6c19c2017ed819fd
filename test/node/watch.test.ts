import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchAwsFiles, type ChangeWatcher } from '../../src/node/watch';
import { FAKE_AWS_PATH, makeAwsSandbox, type AwsSandbox } from '../support/fake-aws';

let open: ChangeWatcher[] = [];
afterEach(() => {
  for (const w of open) w.close();
  open = [];
});

function start(sb: AwsSandbox, options = {}): ChangeWatcher {
  const w = watchAwsFiles({ configFile: sb.configFile, credentialsFile: sb.credentialsFile, loginCacheDir: sb.loginCacheDir }, options);
  open.push(w);
  return w;
}

/** Resolves on the next 'changed'; rejects after `ms` so a missed change fails the test. */
function nextChange(w: ChangeWatcher, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'changed' event within ${ms} ms`)), ms);
    w.once('changed', () => { clearTimeout(timer); resolve(); });
  });
}
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('watchAwsFiles', () => {
  it('sees a login done by the fake aws within 1 s, though the cache folder did not exist yet', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    const w = start(sb);
    await settle();
    const changed = nextChange(w, 1000);
    expect(spawnSync(FAKE_AWS_PATH, ['login', '--profile', 'dev'], { env: sb.env, stdio: 'ignore' }).status).toBe(0);
    await changed;
  });

  it('sees an atomic replace (write a temp file, rename over the config)', async () => {
    const sb = makeAwsSandbox('[profile dev]\nregion = x\n');
    const w = start(sb);
    await settle();
    const changed = nextChange(w, 2000);
    const temp = join(sb.home, '.aws', '.config.tmp');
    writeFileSync(temp, '[profile dev]\nregion = y\n');
    renameSync(temp, sb.configFile);
    await changed;
    // And it keeps watching the new file.
    const again = nextChange(w, 2000);
    writeFileSync(sb.configFile, '[profile dev]\nregion = z\n');
    await again;
  });

  it('sees a cache folder created after it started, then files written inside it', async () => {
    const sb = makeAwsSandbox('');
    const w = start(sb);
    await settle();
    const created = nextChange(w, 2000);
    mkdirSync(sb.loginCacheDir, { recursive: true });
    await created;
    await settle();
    const written = nextChange(w, 2000);
    writeFileSync(join(sb.loginCacheDir, 'abc.json'), '{}');
    await written;
  });

  it('keeps watching when the cache folder is deleted and made again', async () => {
    const sb = makeAwsSandbox('');
    mkdirSync(sb.loginCacheDir, { recursive: true });
    const w = start(sb);
    await settle();
    const removed = nextChange(w, 2000);
    rmSync(join(sb.home, '.aws', 'login'), { recursive: true });
    await removed;
    const made = nextChange(w, 2000);
    mkdirSync(sb.loginCacheDir, { recursive: true });
    await made;
    await settle();
    const written = nextChange(w, 2000);
    writeFileSync(join(sb.loginCacheDir, 'abc.json'), '{}');
    await written;
  });

  it('ignores unrelated files next to the config', async () => {
    const sb = makeAwsSandbox('');
    const w = start(sb, { debounceMs: 20 });
    await settle();
    let count = 0;
    w.on('changed', () => count++);
    writeFileSync(join(sb.home, '.aws', 'unrelated.txt'), 'x');
    const changed = nextChange(w, 2000);
    writeFileSync(sb.credentialsFile, '[x]\n');
    await changed;
    expect(count).toBe(1);
  });

  it('debounces a burst into one event', async () => {
    const sb = makeAwsSandbox('');
    const w = start(sb, { debounceMs: 200 });
    await settle();
    let count = 0;
    w.on('changed', () => count++);
    const changed = nextChange(w, 2000);
    for (let i = 0; i < 5; i++) writeFileSync(sb.configFile, `# ${i}\n`);
    await changed;
    await new Promise((r) => setTimeout(r, 300));
    expect(count).toBe(1);
  });

  it('falls back to polling', async () => {
    const sb = makeAwsSandbox('');
    const w = start(sb, { forcePolling: true, pollMs: 100 });
    const changed = nextChange(w, 3000);
    mkdirSync(sb.loginCacheDir, { recursive: true });
    writeFileSync(join(sb.loginCacheDir, 'abc.json'), '{}');
    await changed;
  });

  it('stops emitting after close(), and leaves no file watcher or timer running', async () => {
    const sb = makeAwsSandbox('');
    const w = start(sb, { debounceMs: 20 });
    expect(w.resources()).toBeGreaterThan(0);
    // Count emits themselves: close() also drops the listeners, so a listener alone could not tell.
    let emits = 0;
    const emit = w.emit.bind(w);
    w.emit = (...args: Parameters<typeof w.emit>) => (emits++, emit(...args));
    writeFileSync(sb.configFile, 'a');
    w.close();
    writeFileSync(sb.configFile, 'x');
    await new Promise((r) => setTimeout(r, 200));
    expect(emits).toBe(0);
    expect(w.resources()).toBe(0);
  });
});
