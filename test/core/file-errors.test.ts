import { readFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFileError } from '../../src/core/file-errors';

/** The error Node itself throws for `fn` (real file system, temp folder). */
function nodeError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a file error');
}

describe('describeFileError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alt-file-errors-'));

  it('a folder read as a file: Node names no path, so the fallback is named', () => {
    const folder = join(dir, 'config');
    mkdirSync(folder);
    const err = nodeError(() => readFileSync(folder, 'utf8'));
    expect((err as Error).message).toBe('EISDIR: illegal operation on a directory, read');
    expect(describeFileError(err, folder)).toEqual({
      message: `cannot read ${folder}: it is a folder, not a file`,
      hint: `Rename the folder '${folder}' (or point AWS_CONFIG_FILE at the file), then try again.`,
    });
  });

  it('a folder in place of another file: no AWS variable to point elsewhere', () => {
    expect(describeFileError({ code: 'EISDIR', syscall: 'read', path: '/h/app/state/x.json' })?.hint).toBe("Rename the folder '/h/app/state/x.json', then try again.");
    expect(describeFileError({ code: 'EISDIR', syscall: 'read', path: '/h/.aws/credentials' })?.hint).toBe("Rename the folder '/h/.aws/credentials' (or point AWS_SHARED_CREDENTIALS_FILE at the file), then try again.");
  });

  it('a file where a folder must be created', () => {
    const file = join(dir, 'bin');
    writeFileSync(file, '');
    const err = nodeError(() => mkdirSync(file));
    expect(describeFileError(err)).toEqual({
      message: `cannot create the folder ${file}: a file is in the way`,
      hint: `Move or delete '${file}' (it is not what aws-login-tray expects there), then try again.`,
    });
  });

  it('a path through a file', () => {
    const err = nodeError(() => readFileSync(join(dir, 'bin', 'x')));
    expect(describeFileError(err)?.message).toBe(`cannot open ${join(dir, 'bin', 'x')}: a part of the path is a file where a folder should be`);
  });

  it('errors people meet without a way to cause them here (root, a full disk) read the same way', () => {
    expect(describeFileError({ code: 'EACCES', syscall: 'open', path: "/h/it's" })).toEqual({
      message: "cannot open /h/it's: permission denied",
      hint: "Check the owner and permissions of '/h/it'\\''s' and its folder (ls -ld '/h/it'\\''s'), or run this as the user who owns it.",
    });
    expect(describeFileError({ code: 'ENOSPC', syscall: 'write' }, '/h/.aws/config')).toEqual({ message: 'cannot write /h/.aws/config: the disk is full', hint: 'Free some disk space, then try again.' });
    expect(describeFileError({ code: 'EROFS', syscall: 'rename', path: '/ro/config' })?.message).toBe('cannot replace /ro/config: the file system is read-only');
  });

  it('is null for what is not a file error', () => {
    expect(describeFileError(new Error('x'))).toBeNull();
    expect(describeFileError(null)).toBeNull();
    expect(describeFileError({ code: 'ERR_INVALID_ARG_TYPE' })).toBeNull();
  });
});
