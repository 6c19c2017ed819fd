import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSystemNode, outsideEnv } from '../../src/node/system-node';

/** A folder holding a stand-in `node` that answers --version with `answer` (a shell fragment). */
function fakeNode(root: string, name: string, answer: string, mode = 0o755): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'node'), `#!/bin/sh\n[ "$1" = --version ] || exit 64\n${answer}\n`, { mode });
  return dir;
}

describe('findSystemNode', () => {
  const root = mkdtempSync(join(tmpdir(), 'alt-sysnode-'));
  const v22 = fakeNode(root, 'v22', 'echo v22.12.0');
  const v20 = fakeNode(root, 'v20', 'echo v20.0.0');
  const v18 = fakeNode(root, 'v18', 'echo v18.19.1');
  const broken = fakeNode(root, 'broken', 'echo v22.1.0; exit 1');
  const junk = fakeNode(root, 'junk', 'echo "command not found: nvm"');
  const slow = fakeNode(root, 'slow', 'exec /bin/sleep 5');
  const plain = fakeNode(root, 'plain', 'echo v22.1.0', 0o644);
  const none = join(root, 'none');
  mkdirSync(none);

  it('takes the first node on PATH that answers v20 or newer, by its absolute PATH entry', async () => {
    expect(await findSystemNode({ env: { PATH: [none, v22, v20].join(':') } })).toEqual({ path: join(v22, 'node'), version: 'v22.12.0' });
    expect(await findSystemNode({ env: { PATH: v20 } })).toEqual({ path: join(v20, 'node'), version: 'v20.0.0' });
  });

  it('passes over a node that is too old, fails, prints something else, hangs or is not executable', async () => {
    expect((await findSystemNode({ env: { PATH: [v18, broken, junk, slow, plain, v20].join(':') }, timeoutMs: 500 }))?.path).toBe(join(v20, 'node'));
    expect(await findSystemNode({ env: { PATH: [v18, broken, junk, plain].join(':') } })).toBeNull();
  });

  it('is null without PATH or a node on it, and never looks in relative folders or the AppImage mount', async () => {
    expect(await findSystemNode({ env: {} })).toBeNull();
    expect(await findSystemNode({ env: { PATH: none } })).toBeNull();
    expect(await findSystemNode({ env: { PATH: 'v22', PWD: root } })).toBeNull();
    expect(await findSystemNode({ env: { PATH: [v22, v20].join(':') }, excludeDir: root })).toBeNull();
    expect((await findSystemNode({ env: { PATH: [v22, v20].join(':') }, excludeDir: v22 }))?.path).toBe(join(v20, 'node'));
  });
});

describe('outsideEnv', () => {
  it('drops what AppRun added for the mount and ELECTRON_RUN_AS_NODE, and keeps the rest', async () => {
    const env = {
      PATH: '/tmp/.mount_X:/tmp/.mount_X/usr/sbin:/usr/bin:/bin', LD_LIBRARY_PATH: '/tmp/.mount_X/usr/lib', HOME: '/home/me', ELECTRON_RUN_AS_NODE: '1', UNSET: undefined,
    };
    expect(outsideEnv(env, '/tmp/.mount_X')).toEqual({ PATH: '/usr/bin:/bin', HOME: '/home/me' });
    expect(outsideEnv({ LD_LIBRARY_PATH: '/opt/lib:/tmp/.mount_X/usr/lib' }, '/tmp/.mount_X')).toEqual({ LD_LIBRARY_PATH: '/opt/lib' });
    expect(outsideEnv({ PATH: '/tmp/.mount_XY/bin' }, '/tmp/.mount_X')).toEqual({ PATH: '/tmp/.mount_XY/bin' });
  });
});

describe('findSystemNode and version managers', () => {
  const root = mkdtempSync(join(tmpdir(), 'alt-sysnode-shim-'));

  it("names the Node a shim picks (asdf, mise, nodenv are scripts), not the shim, whose choice follows the caller's folder", async () => {
    const real = fakeNode(root, 'installs/22.1.0/bin', 'echo v22.1.0');
    const shims = join(root, 'shims');
    mkdirSync(shims);
    // A shim: answers --version, and runs `-e` as the Node it picks would (printing that Node's execPath).
    writeFileSync(join(shims, 'node'), `#!/bin/sh\n[ "$1" = --version ] && { echo v22.1.0; exit 0; }\n[ "$1" = -e ] && { printf '%s' '${join(real, 'node')}'; exit 0; }\nexit 64\n`, { mode: 0o755 });
    expect(await findSystemNode({ env: { PATH: shims } })).toEqual({ path: join(real, 'node'), version: 'v22.1.0' });
  });

  it('keeps a real Node found through a link named node (a package manager upgrade keeps the link valid)', async () => {
    const links = join(root, 'links');
    mkdirSync(links);
    symlinkSync(process.execPath, join(links, 'node'));
    expect((await findSystemNode({ env: { PATH: links } }))?.path).toBe(join(links, 'node'));
  });

  it('uses a shim as it is when it cannot say which Node it picks', async () => {
    const dumb = fakeNode(root, 'dumb-shim', 'echo v22.1.0');
    expect((await findSystemNode({ env: { PATH: dumb } }))?.path).toBe(join(dumb, 'node'));
  });
});
