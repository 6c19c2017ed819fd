import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setProperty } from '../../src/core/config/edit';
import { ConfigEditConflict, editConfigFile } from '../../src/node/config-file-writer';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alt-config-writer-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 25, 14, 30, 0);
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const setRegion = (value: string) => (text: string) => setProperty(text, 'config', 'profile dev', 'region', value);
const backupsIn = (folder: string) => fs.readdirSync(folder).filter((n) => n.includes('.aws-login-tray-backup-')).sort();
const leftovers = (folder: string) => fs.readdirSync(folder).filter((n) => n.includes('.aws-login-tray-tmp-'));

describe('editConfigFile', () => {
  it('creates a missing file (and folder) private, without a backup', async () => {
    const file = path.join(dir, '.aws', 'config');
    const result = await editConfigFile(file, setRegion('eu-west-1'));
    expect(result).toEqual({ changed: true, backupPath: null });
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = eu-west-1\n');
    expect(mode(file)).toBe(0o600);
  });

  it('edits in place, keeps the mode, and backs up the old text (0600, timestamped)', async () => {
    const file = path.join(dir, 'config');
    const original = '# mine\r\n[profile dev]\r\nregion = us-east-1 ; old\r\n';
    fs.writeFileSync(file, original);
    fs.chmodSync(file, 0o640);
    const result = await editConfigFile(file, setRegion('eu-west-1'), { now: () => T0 });
    expect(fs.readFileSync(file, 'utf8')).toBe('# mine\r\n[profile dev]\r\nregion = eu-west-1 ; old\r\n');
    expect(mode(file)).toBe(0o640);
    expect(result).toEqual({ changed: true, backupPath: path.join(dir, 'config.aws-login-tray-backup-20261125T143000Z') });
    expect(fs.readFileSync(result.backupPath!, 'utf8')).toBe(original);
    expect(mode(result.backupPath!)).toBe(0o600);
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes nothing when the edit changes nothing', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = x\n');
    expect(await editConfigFile(file, setRegion('x'))).toEqual({ changed: false, backupPath: null });
    expect(backupsIn(dir)).toEqual([]);
    expect(await editConfigFile(path.join(dir, 'missing'), (t) => t)).toEqual({ changed: false, backupPath: null });
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('keeps only the newest 5 backups (or as many as asked), same-second ones numbered', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = r0\n');
    for (let i = 1; i <= 7; i++) await editConfigFile(file, setRegion(`r${i}`), { now: () => T0 + i * 1000 });
    expect(backupsIn(dir)).toEqual([3, 4, 5, 6, 7].map((s) => `config.aws-login-tray-backup-20261125T1430${String(s).padStart(2, '0')}Z`));
    expect(fs.readFileSync(path.join(dir, backupsIn(dir)[4]!), 'utf8')).toBe('[profile dev]\nregion = r6\n');

    await editConfigFile(file, setRegion('same-1'), { now: () => T0 + 7000, backups: 2 });
    expect(backupsIn(dir)).toEqual(['config.aws-login-tray-backup-20261125T143007Z', 'config.aws-login-tray-backup-20261125T143007Z-1']);
    await editConfigFile(file, setRegion('none'), { backups: 0 });
    expect(backupsIn(dir)).toHaveLength(2);
  });

  it('follows a symlinked config: edits the target, the link stays a link, the backup sits beside the target', async () => {
    const dotfiles = path.join(dir, 'dotfiles');
    const aws = path.join(dir, '.aws');
    fs.mkdirSync(dotfiles);
    fs.mkdirSync(aws);
    const target = path.join(dotfiles, 'aws-config');
    fs.writeFileSync(target, '[profile dev]\nregion = a\n', { mode: 0o644 });
    fs.chmodSync(target, 0o644);
    const link = path.join(aws, 'config');
    fs.symlinkSync('../dotfiles/aws-config', link);

    const result = await editConfigFile(link, setRegion('b'), { now: () => T0 });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('../dotfiles/aws-config');
    expect(fs.readFileSync(target, 'utf8')).toBe('[profile dev]\nregion = b\n');
    expect(mode(target)).toBe(0o644);
    expect(path.dirname(result.backupPath!)).toBe(fs.realpathSync(dotfiles));
    expect(fs.readdirSync(aws)).toEqual(['config']);
  });

  it('creates the target of a dangling symlink and keeps the link', async () => {
    const link = path.join(dir, 'config');
    fs.symlinkSync('real-config', link);
    await editConfigFile(link, setRegion('c'));
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'real-config'), 'utf8')).toBe('[profile dev]\nregion = c\n');
  });

  it('never overwrites a change another process made between read and write: it re-reads and re-applies', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    const seen: string[] = [];
    const result = await editConfigFile(
      file,
      (text) => {
        seen.push(text);
        if (seen.length === 1) {
          // Another program (here a real child process) writes the file while we are editing it.
          const script = `require('fs').appendFileSync(${JSON.stringify(file)}, '[profile other]\\noutput = json\\n')`;
          execFileSync(process.execPath, ['-e', script]);
        }
        return setRegion('b')(text);
      },
      { now: () => T0 },
    );
    expect(seen).toEqual(['[profile dev]\nregion = a\n', '[profile dev]\nregion = a\n[profile other]\noutput = json\n']);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = b\n[profile other]\noutput = json\n');
    expect(fs.readFileSync(result.backupPath!, 'utf8')).toBe(seen[1]);
    expect(backupsIn(dir)).toHaveLength(1);
    expect(leftovers(dir)).toEqual([]);
  });

  it('keeps a change written in place between its last check and the rename: our edit goes on top of it', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    const realRename = fs.promises.rename.bind(fs.promises);
    let calls = 0;
    vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      // Another program (a real child process) writes the file in place (append) right now,
      // after the compare: it writes into the file our rename is about to replace.
      if (++calls === 1) execFileSync(process.execPath, ['-e', `require('fs').appendFileSync(${JSON.stringify(file)}, 'login_session = arn:x\\n')`]);
      return realRename(from, to);
    });
    const result = await editConfigFile(file, setRegion('b'), { now: () => T0 });
    expect(calls).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = b\nlogin_session = arn:x\n');
    expect(fs.readFileSync(result.backupPath!, 'utf8')).toBe('[profile dev]\nregion = a\n');
    expect(backupsIn(dir).map((n) => fs.readFileSync(path.join(dir, n), 'utf8'))).toContain('[profile dev]\nregion = a\nlogin_session = arn:x\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('when a second program also wrote over our result, keeps the lost version apart from the rotation and says what the file holds', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    const realRename = fs.promises.rename.bind(fs.promises);
    let calls = 0;
    vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      if (++calls > 1) return realRename(from, to);
      fs.appendFileSync(file, '# first writer\n'); // in place, into the file being replaced
      await realRename(from, to);
      fs.writeFileSync(file, '# second writer\n'); // in place, over our result
    });
    const err = await editConfigFile(file, setRegion('b'), { now: () => T0 }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(ConfigEditConflict);
    expect((err as ConfigEditConflict).applied).toBe(false);
    expect((err as Error).message).toBe(
      `${file} was changed by more than one program while it was being edited. It now holds another program's version; ` +
      `another program's version that it lost was saved at ${file}.aws-login-tray-kept-20261125T143000Z (kept until you delete it). Compare the two and copy over any change ${file} lacks.`,
    );
    const saved = (err as ConfigEditConflict).keptAt!;
    expect(fs.readFileSync(saved, 'utf8')).toBe('[profile dev]\nregion = a\n# first writer\n');
    expect(fs.readFileSync(file, 'utf8')).toBe('# second writer\n');
    vi.restoreAllMocks();
    // Later edits rotate their own backups (5 kept) but never the announced version.
    for (let i = 1; i <= 7; i++) await editConfigFile(file, setRegion(`r${i}`), { now: () => T0 + i * 1000 });
    expect(backupsIn(dir)).toHaveLength(5);
    expect(fs.readFileSync(saved, 'utf8')).toBe('[profile dev]\nregion = a\n# first writer\n');
  });

  it('says so when it gives up with its edit in the file (the other program wrote into the replaced file every time)', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    const realRename = fs.promises.rename.bind(fs.promises);
    let n = 0;
    vi.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      fs.appendFileSync(to, `# in place ${++n}\n`); // every time, into the file our rename replaces
      await realRename(from, to);
    });
    const err = (await editConfigFile(file, setRegion('b'), { now: () => T0, tries: 2 }).catch((e: unknown) => e)) as ConfigEditConflict;
    expect(err).toBeInstanceOf(ConfigEditConflict);
    expect(err.applied).toBe(true);
    expect(err.message).toContain(`${file} kept changing (2 tries) while it was being edited. It now holds this edit; another program's version that it lost was saved at ${err.keptAt}`);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = b\n# in place 1\n');
    expect(fs.readFileSync(err.keptAt!, 'utf8')).toBe('[profile dev]\nregion = b\n# in place 2\n'); // written into our first result
  });

  it('cleans up what a killed edit left: temp files of dead processes and empty backups, not live ones or real backups', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    const dead = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString();
    fs.writeFileSync(`${file}.aws-login-tray-tmp-${dead}-0badf00d`, 'half');
    fs.writeFileSync(`${file}.aws-login-tray-tmp-${process.ppid}-0badf00d`, 'a live process is writing this');
    fs.writeFileSync(`${file}.aws-login-tray-backup-20260101T000000Z`, '');
    fs.writeFileSync(`${file}.aws-login-tray-backup-20260101T000001Z`, 'a real backup');
    await editConfigFile(file, setRegion('b'), { now: () => T0 });
    expect(fs.readdirSync(dir).sort()).toEqual([
      'config', `config.aws-login-tray-backup-20260101T000001Z`, 'config.aws-login-tray-backup-20261125T143000Z', `config.aws-login-tray-tmp-${process.ppid}-0badf00d`,
    ]);
  });

  it('gives up with a clear error, writing nothing, when the file keeps changing', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    let n = 0;
    const busy = (text: string) => {
      fs.appendFileSync(file, `# other writer ${++n}\n`);
      return setRegion('b')(text);
    };
    await expect(editConfigFile(file, busy, { tries: 3 })).rejects.toThrow(`${file} kept changing while it was being edited (3 tries), so nothing was written.`);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = a\n# other writer 1\n# other writer 2\n# other writer 3\n');
    expect(backupsIn(dir)).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('runs parallel edits from one process one after another, losing none', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\n');
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    await Promise.all(keys.map((k) => editConfigFile(file, (t) => setProperty(t, 'config', 'profile dev', k, 'v'), { backups: 0 })));
    const text = fs.readFileSync(file, 'utf8');
    for (const k of keys) expect(text).toContain(`${k} = v\n`);
  });

  it('passes on the editor\'s error and leaves the file alone', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nbroken line\n');
    await expect(editConfigFile(file, (t) => setProperty(t, 'config', 'profile dev', 'a', 'b', file))).rejects.toThrow(
      `${file}:2: Expected an '=' sign defining a property`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nbroken line\n');
    expect(leftovers(dir)).toEqual([]);
  });
});

/** Paths this process has open right now (Linux: /proc/self/fd). */
const openPaths = (): string[] =>
  fs.readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [fs.readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });

const busy = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

describe('editConfigFile with Windows rules (simulated on Linux)', () => {
  it('closes its handle on the target before the rename (Windows refuses to rename over an open file); elsewhere it stays open', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    const target = fs.realpathSync(file);
    const openAtRename: Record<string, boolean> = {};
    const spyRename = (label: string) => async (from: string, to: string) => {
      openAtRename[label] = openPaths().includes(target);
      await fs.promises.rename(from, to);
    };
    await editConfigFile(file, setRegion('b'), { platform: 'linux', rename: spyRename('linux') });
    await editConfigFile(file, setRegion('c'), { platform: 'win32', rename: spyRename('win32') });
    expect(openAtRename).toEqual({ linux: true, win32: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = c\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('still re-reads and re-applies when another process changed the file before the rename', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    let n = 0;
    const result = await editConfigFile(
      file,
      (text) => {
        if (++n === 1) execFileSync(process.execPath, ['-e', `require('fs').appendFileSync(${JSON.stringify(file)}, '[profile other]\\n')`]);
        return setRegion('b')(text);
      },
      { platform: 'win32', now: () => T0 },
    );
    expect(n).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = b\n[profile other]\n');
    expect(fs.readFileSync(result.backupPath!, 'utf8')).toBe('[profile dev]\nregion = a\n[profile other]\n');
  });

  it('re-reads the path after the rename: a change written there right after ours gets our edit on top', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    let calls = 0;
    const rename = async (from: string, to: string) => {
      await fs.promises.rename(from, to);
      // Another program rewrites the file from its own older read, dropping our edit.
      if (++calls === 1) execFileSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(file)}, '[profile dev]\\nregion = a\\noutput = json\\n')`]);
    };
    const result = await editConfigFile(file, setRegion('b'), { platform: 'win32', rename, now: () => T0 });
    expect(calls).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = b\noutput = json\n');
    expect(result.changed).toBe(true);
    expect(fs.readFileSync(result.backupPath!, 'utf8')).toBe('[profile dev]\nregion = a\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('retries a rename that fails with EPERM (antivirus, indexer) and succeeds', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    const codes: string[] = [];
    const rename = async (from: string, to: string) => {
      if (codes.length < 2) {
        codes.push(codes.length === 0 ? 'EPERM' : 'EBUSY');
        throw busy(codes[codes.length - 1]!);
      }
      codes.push('ok');
      await fs.promises.rename(from, to);
    };
    const result = await editConfigFile(file, setRegion('b'), { platform: 'win32', rename });
    expect(codes).toEqual(['EPERM', 'EBUSY', 'ok']);
    expect(result.changed).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = b\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('gives up after a few busy retries with a message naming the file, leaving it and no temp or backup behind', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    let calls = 0;
    const rename = async () => {
      calls++;
      throw busy('EACCES');
    };
    await expect(editConfigFile(file, setRegion('b'), { platform: 'win32', rename })).rejects.toThrow(
      `${file} could not be replaced (EACCES): another program keeps it open. Close editors or sync tools that have it open and try again; the file was not changed.`,
    );
    expect(calls).toBeGreaterThan(2);
    expect(fs.readFileSync(file, 'utf8')).toBe('[profile dev]\nregion = a\n');
    expect(leftovers(dir)).toEqual([]);
    expect(backupsIn(dir)).toEqual([]);
  });

  it('does not retry a rename error that is not about a busy file', async () => {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[profile dev]\nregion = a\n');
    let calls = 0;
    const rename = async () => {
      calls++;
      throw busy('EXDEV');
    };
    await expect(editConfigFile(file, setRegion('b'), { platform: 'win32', rename })).rejects.toThrow('EXDEV');
    expect(calls).toBe(1);
  });
});
