/** The parts of a Node.js file-system error (NodeJS.ErrnoException) a message is made of. */
export interface FileErrorFacts {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  dest?: unknown;
}

/** A failed file operation, told as a person reads it: what we tried, on which file, why not, and what to do. */
export interface DescribedFileError {
  /** e.g. "cannot create the folder /home/me/.config/aws-login-tray/bin: a file is in the way" */
  message: string;
  hint: string;
}

const OPERATION: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  rename: 'replace',
  mkdir: 'create the folder',
  rmdir: 'delete the folder',
  unlink: 'delete',
  chmod: 'change the permissions of',
  fchmod: 'change the permissions of',
  copyfile: 'copy',
  stat: 'look at',
  lstat: 'look at',
  scandir: 'list the folder',
  symlink: 'create the link',
  fsync: 'save',
  close: 'save',
};

/** For the AWS config and credentials files: the variable that can point elsewhere. */
function awsFileVariable(path: string | undefined): string {
  const name = path?.split(/[\\/]/).pop();
  if (name === 'config') return ' (or point AWS_CONFIG_FILE at the file)';
  if (name === 'credentials') return ' (or point AWS_SHARED_CREDENTIALS_FILE at the file)';
  return '';
}

const q = (path: string): string => `'${path.replace(/'/g, `'\\''`)}'`;

/**
 * Describes an fs error; `fallbackPath` names the file when Node's error does not (a read of a
 * folder says only "EISDIR: illegal operation on a directory, read"). Null when `err` is not one.
 */
export function describeFileError(err: unknown, fallbackPath?: string): DescribedFileError | null {
  const e = (typeof err === 'object' && err !== null ? err : {}) as FileErrorFacts;
  if (typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code)) return null;
  const path = typeof e.path === 'string' ? e.path : fallbackPath;
  const file = path ?? 'the file';
  // Node's own message ends in the call ("EACCES: permission denied, open '/x'") when syscall is not set.
  const message = err instanceof Error ? err.message : '';
  const syscall = typeof e.syscall === 'string' ? e.syscall : /^E[A-Z]+: [^,]*, (\w+)(?: '|$)/.exec(message)?.[1];
  const op = syscall ? (OPERATION[syscall] ?? syscall) : 'use';
  const say = (reason: string, hint: string): DescribedFileError => ({ message: `cannot ${op} ${file}: ${reason}`, hint });
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return say('permission denied', path
        ? `Check the owner and permissions of ${q(path)} and its folder (ls -ld ${q(path)}), or run this as the user who owns it.`
        : 'Check the file\'s owner and permissions, or run this as the user who owns it.');
    case 'EISDIR':
      return say('it is a folder, not a file', `Rename the folder${path ? ` ${q(path)}` : ''}${awsFileVariable(path)}, then try again.`);
    case 'ENOTDIR':
      return say('a part of the path is a file where a folder should be', `Check the path${path ? ` ${q(path)}` : ''} (and AWS_CONFIG_FILE, AWS_LOGIN_TRAY_HOME), then try again.`);
    case 'EEXIST':
      return say('a file is in the way', `Move or delete ${path ? q(path) : 'that file'} (it is not what aws-login-tray expects there), then try again.`);
    case 'ENOENT':
      return say('it does not exist', 'Check the path (and AWS_CONFIG_FILE, AWS_LOGIN_TRAY_HOME), then try again.');
    case 'ENOSPC':
    case 'EDQUOT':
      return say('the disk is full', 'Free some disk space, then try again.');
    case 'EROFS':
      return say('the file system is read-only', 'Point AWS_CONFIG_FILE (or AWS_LOGIN_TRAY_HOME) at a writable place, or remount it writable, then try again.');
    case 'ELOOP':
      return say('a symbolic link in the path points back at itself', `Fix the link${path ? ` ${q(path)}` : ''} (ls -l shows where it points), then try again.`);
    case 'EMFILE':
    case 'ENFILE':
      return say('too many files are open', 'Close some programs, then try again.');
    case 'EBUSY':
    case 'ETXTBSY':
      return say('another program is using it', 'Close the program that has it open, then try again.');
    default:
      return say(e.code, 'Fix what the message names, then try again.');
  }
}
