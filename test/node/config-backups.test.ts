import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups, pruneBackups, writeBackup } from '../../src/node/config-backups';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alt-backups-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('config backups', () => {
  it('numbers same-second backups, lists them oldest first and ignores other files', async () => {
    const target = path.join(dir, 'config');
    const t = Date.UTC(2026, 0, 2, 3, 4, 5);
    const written: string[] = [];
    for (let i = 0; i < 12; i++) written.push(await writeBackup(target, Buffer.from(`v${i}`), t));
    await writeBackup(target, Buffer.from('later'), t + 1000);
    fs.writeFileSync(path.join(dir, 'credentials.aws-login-tray-backup-20260102T030405Z'), 'other file');
    fs.writeFileSync(path.join(dir, 'config.aws-login-tray-backup-notes.txt'), 'not a backup');

    const names = (await listBackups(target)).map((p) => path.basename(p));
    expect(names[0]).toBe('config.aws-login-tray-backup-20260102T030405Z');
    expect(names.slice(1, 3)).toEqual(['config.aws-login-tray-backup-20260102T030405Z-1', 'config.aws-login-tray-backup-20260102T030405Z-2']);
    expect(names[10]).toBe('config.aws-login-tray-backup-20260102T030405Z-10');
    expect(names.at(-1)).toBe('config.aws-login-tray-backup-20260102T030406Z');
    expect(fs.statSync(written[0]!).mode & 0o777).toBe(0o600);

    await pruneBackups(target, 2);
    expect((await listBackups(target)).map((p) => fs.readFileSync(p, 'utf8'))).toEqual(['v11', 'later']);
    expect(fs.existsSync(path.join(dir, 'credentials.aws-login-tray-backup-20260102T030405Z'))).toBe(true);
  });
});
