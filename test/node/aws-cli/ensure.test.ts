import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppStore } from '../../../src/node/app-store';
import { ensureAwsCli, skippedNote } from '../../../src/node/aws-cli/ensure';

/** A fake `aws` whose `--version` prints `aws-cli/<version>`, read from `versionFile` when given. */
function fakeAws(dir: string, name: string, version: string | { file: string }): string {
  const file = join(dir, name);
  const print = typeof version === 'string' ? JSON.stringify(version) : `require("fs").readFileSync(${JSON.stringify(version.file)}, "utf8")`;
  writeFileSync(file, `#!/usr/bin/env node\nprocess.stdout.write("aws-cli/" + ${print} + " Python/3.11.6 Linux/6 exe/x86_64\\n");\n`);
  chmodSync(file, 0o755);
  return file;
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'alt-ensure-'));
  const store = openAppStore(join(dir, 'app-home'));
  const ensure = (awsCliPath: string) => ensureAwsCli({ env: {}, platform: 'linux', homeDir: dir, store, awsCliPath });
  return { dir, store, ensure };
}

describe('ensureAwsCli', () => {
  it('asks again when the remembered version was too old (an upgrade the file stat cannot see)', async () => {
    const { dir, ensure } = setup();
    const versionFile = join(dir, 'version');
    writeFileSync(versionFile, '2.9.19');
    const aws = fakeAws(dir, 'aws', { file: versionFile });
    const old = await ensure(aws);
    expect(old.ok).toBe(false);
    expect(!old.ok && old.error.code).toBe('aws-cli-too-old');
    // Same aws file (path, mtime, ctime, size): only what it prints changed.
    writeFileSync(versionFile, '2.32.3');
    expect(await ensure(aws)).toEqual({ ok: true, path: aws, version: { major: 2, minor: 32, patch: 3 } });
  });

  it('notices a rewrite that kept the size and the modification time (ctime changes)', async () => {
    const { dir, ensure } = setup();
    const aws = fakeAws(dir, 'aws', '2.32.3');
    const fixed = 1_700_000_000; // whole seconds: utimes round-trips them exactly
    utimesSync(aws, fixed, fixed);
    const before = statSync(aws);
    expect(await ensure(aws)).toMatchObject({ ok: true, version: { major: 2, minor: 32, patch: 3 } });
    fakeAws(dir, 'aws', '2.40.1');
    utimesSync(aws, fixed, fixed);
    expect(statSync(aws)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    expect(await ensure(aws)).toMatchObject({ ok: true, version: { major: 2, minor: 40, patch: 1 } });
  });

  it('follows a symlink to the real file (installers repoint /usr/local/bin/aws)', async () => {
    const { dir, ensure } = setup();
    const a = fakeAws(dir, 'aws-a', '2.32.3');
    const b = fakeAws(dir, 'aws-b', '2.40.1');
    utimesSync(a, 1_700_000_000, 1_700_000_000);
    utimesSync(b, 1_700_000_000, 1_700_000_000);
    const link = join(dir, 'aws');
    symlinkSync(a, link);
    expect(await ensure(link)).toMatchObject({ ok: true, path: link, version: { minor: 32 } });
    unlinkSync(link);
    symlinkSync(b, link);
    expect(await ensure(link)).toMatchObject({ ok: true, path: link, version: { minor: 40 } });
  });

  it('still remembers a version that has aws login', async () => {
    const { dir, ensure } = setup();
    const versionFile = join(dir, 'version');
    writeFileSync(versionFile, '2.32.3');
    const aws = fakeAws(dir, 'aws', { file: versionFile });
    expect(await ensure(aws)).toMatchObject({ ok: true, version: { minor: 32 } });
    writeFileSync(versionFile, '2.33.0');
    // The aws file did not change, so the remembered answer stands (no second `aws --version`).
    expect(await ensure(aws)).toMatchObject({ ok: true, version: { minor: 32 } });
  });
});

describe('ensureAwsCli on Windows', () => {
  it('refuses aws.cmd with a next step instead of failing to start it (no shell, ever)', async () => {
    const { dir, store } = setup();
    const cmd = join(dir, 'aws.cmd');
    writeFileSync(cmd, '@echo off\r\n');
    const r = await ensureAwsCli({ env: {}, platform: 'win32', homeDir: dir, store, awsCliPath: cmd });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ message: expect.stringContaining(`${cmd} is a Windows batch file`) }) });
    expect(!r.ok && r.error.hint).toMatch(/aws\.exe/);
  });
});

describe('ensureAwsCli on PATH', () => {
  it('an AWS CLI v1 (version on stderr) or a v2 before 2.32 first on PATH does not hide a v2 with aws login further on', async () => {
    const { dir, store } = setup();
    const [d1, d2, d3] = ['pyenv', 'old', 'new'].map((n) => { const d = join(dir, n); mkdirSync(d); return d; });
    const v1 = join(d1!, 'aws');
    writeFileSync(v1, '#!/usr/bin/env node\nprocess.stderr.write("aws-cli/1.45.0 Python/3.11.2 Linux/6 botocore/1.39.0\\n");\n');
    chmodSync(v1, 0o755);
    const old = fakeAws(d2!, 'aws', '2.31.39');
    const good = fakeAws(d3!, 'aws', '2.36.7');
    const node = dirname(process.execPath);
    const env = { PATH: [d1, d2, d3, node].join(':') };
    const r = await ensureAwsCli({ env, platform: 'linux', homeDir: dir, store, awsCliPath: null });
    expect(r).toEqual({ ok: true, path: good, version: { major: 2, minor: 36, patch: 7 }, skipped: [
      { path: v1, version: { major: 1, minor: 45, patch: 0 } }, { path: old, version: { major: 2, minor: 31, patch: 39 } }] });
    expect(skippedNote(r.ok ? r.skipped! : [])).toBe(`Passed over AWS CLI 1.45.0 at ${v1}, AWS CLI 2.31.39 at ${old}: no aws login there (it needs 2.32.0 or newer).`);
    // Only old ones: the error names the first and the others found.
    const none = await ensureAwsCli({ env: { PATH: [d1, d2, node].join(':') }, platform: 'linux', homeDir: join(dir, 'nohome'), store, awsCliPath: null });
    // (the install folders may add this machine's own older CLIs, e.g. Debian's /usr/bin/aws 2.9, after these)
    expect(!none.ok && none.error.message).toContain(`aws login needs AWS CLI 2.32.0 or newer; found AWS CLI 1.45.0 at ${v1}. Also found, also without aws login: AWS CLI 2.31.39 at ${old}`);
    // An explicit setting is never second-guessed.
    const explicit = await ensureAwsCli({ env, platform: 'linux', homeDir: dir, store, awsCliPath: v1 });
    expect(!explicit.ok && explicit.error.code).toBe('aws-cli-too-old');
  });
});
