import type { Platform } from './ports';

/** What the stable launcher starts: a JS runtime (node, or Electron as node), its args, extra env. */
export interface LauncherRuntime {
  execPath: string;
  /** e.g. [<dist>/helper.cjs]; the launcher appends the caller's own arguments. */
  args: string[];
  /** e.g. { ELECTRON_RUN_AS_NODE: '1' } for the packaged app. */
  env?: Record<string, string>;
  /**
   * The native fast path (native/credential-process.c), when built: the launcher runs it first and
   * execs the runtime whenever it declines (non-zero exit), so a missing or broken one costs nothing.
   */
  native?: NativeFastPath;
}

/** Where the native fast path is, and the app home whose cache/fast-path/ records it reads. */
export interface NativeFastPath {
  path: string;
  appHome: string;
}

/** The native fast path's file name (built by scripts/build-native.mjs into dist/native/). */
export function nativeFileName(platform: Platform): string {
  return platform === 'win32' ? 'credential-process.exe' : 'credential-process';
}

/** Basename prefix classifyProfile recognises as ours; keep it stable across releases. */
export const LAUNCHER_BASENAME = 'aws-login-tray-credential-process';

/** The launcher's file name on this platform (a .cmd on Windows, a #!/bin/sh script elsewhere). */
export function launcherFileName(platform: Platform): string {
  return platform === 'win32' ? `${LAUNCHER_BASENAME}.cmd` : LAUNCHER_BASENAME;
}

/** The POSIX launcher; the same text ships as launcher/aws-login-tray-credential-process.sh. */
export const POSIX_TEMPLATE = `#!/bin/sh
# aws-login-tray: stable launcher for the credential_process helper (see README, "How auto-login works").
# Written by \`aws-login-tray enable-auto-login\` and rewritten each time the app starts, so it keeps
# pointing at the installed helper when the app is updated or moved. Edits here are overwritten.
# runtime: {{RUNTIME_JSON}}
{{ENV}}{{NATIVE}}exec {{COMMAND}} "$@"
`;

/**
 * The Windows launcher; the same text ships as launcher/aws-login-tray-credential-process.cmd.
 * cmd.exe decodes a batch file in the console code page (OEM, e.g. 437/850), not UTF-8, and
 * re-reads the file line by line, so switching to 65001 on line 2 makes the later lines (paths like
 * C:\Users\José) read as the UTF-8 we write. Everything before that switch must stay ASCII, with no
 * BOM. The switch is console-wide and not undone (that would need a child process on every call);
 * without a console, chcp fails quietly (>nul 2>&1) and nothing changes.
 */
export const WINDOWS_TEMPLATE = `@echo off\r
chcp 65001 >nul 2>&1\r
rem aws-login-tray: stable launcher for the credential_process helper (see README, "How auto-login works").\r
rem Written by aws-login-tray enable-auto-login and rewritten each time the app starts. Edits here are overwritten.\r
rem runtime: {{RUNTIME_JSON}}\r
setlocal\r
{{ENV}}{{NATIVE}}{{COMMAND}} %*\r
exit /b %ERRORLEVEL%\r
`;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Inside a .cmd file `%` starts a variable: double it. Paths cannot contain `"` on Windows. */
function cmdQuote(s: string): string {
  if (s.includes('"')) throw new Error(`Cannot write a Windows launcher for a path with a double quote: ${s}`);
  return `"${s.replace(/%/g, '%%')}"`;
}

/** The launcher script text for `platform` that starts `runtime` with the caller's arguments (replacers are functions: `$'` in a path is text). */
export function renderLauncher(platform: Platform, runtime: LauncherRuntime): string {
  const env = Object.entries(runtime.env ?? {});
  for (const [name] of env) if (!ENV_NAME.test(name)) throw new Error(`Bad environment variable name for the launcher: ${name}`);
  const words = [runtime.execPath, ...runtime.args];
  const json = JSON.stringify(runtime);
  const n = runtime.native;
  if (platform === 'win32') {
    // The .exe prints only when it answers (exit 0); any other exit falls through to Node.
    const native = n ? `${[n.path, '--app-home', n.appHome, '--'].map(cmdQuote).join(' ')} %* 2>nul && exit /b 0\r\n` : '';
    return WINDOWS_TEMPLATE.replace('{{RUNTIME_JSON}}', () => json.replace(/%/g, '%%'))
      .replace('{{ENV}}', () => env.map(([k, v]) => `set "${k}=${v.replace(/%/g, '%%')}"\r\n`).join(''))
      .replace('{{NATIVE}}', () => native)
      .replace('{{COMMAND}}', () => words.map(cmdQuote).join(' '));
  }
  // Its stdout is kept only when it answered (exit 0, non-empty): a broken binary (wrong
  // architecture, crash) can neither print nor fail the call. The braces put the shell's own
  // report of a crash ("Segmentation fault") under the 2>/dev/null too.
  const native = n
    ? `if out=$({ ${[n.path, '--app-home', n.appHome, '--'].map(shQuote).join(' ')} "$@"; } 2>/dev/null) && [ -n "$out" ]; then printf '%s\\n' "$out"; exit 0; fi\n`
    : '';
  return POSIX_TEMPLATE.replace('{{RUNTIME_JSON}}', () => json.replace(/[\r\n]/g, ' '))
    .replace('{{ENV}}', () => env.map(([k, v]) => `${k}=${shQuote(v)}; export ${k}\n`).join(''))
    .replace('{{NATIVE}}', () => native)
    .replace('{{COMMAND}}', () => words.map(shQuote).join(' '));
}

/** The runtime a launcher was written for (from its `runtime:` comment), or null if unreadable. */
export function parseLauncherRuntime(text: string): LauncherRuntime | null {
  const m = /^(?:#|rem) runtime: (.*?)\r?$/m.exec(text);
  if (!m) return null;
  try {
    const v = JSON.parse(text.startsWith('@echo') ? m[1]!.replace(/%%/g, '%') : m[1]!) as LauncherRuntime;
    return typeof v.execPath === 'string' && Array.isArray(v.args) ? v : null;
  } catch {
    return null;
  }
}

/** Characters that read the same unquoted in sh, shlex and Windows' argument splitting. */
const PLAIN_WORD = /^[A-Za-z0-9_\-./:@+,=\\]+$/;
/** Inside double quotes these mean something to sh but not to shlex (or to cmd.exe): refuse them. */
const UNSAFE_IN_QUOTES = /["$`\\!%]/;

/**
 * The `credential_process` value: `"<launcher>" --profile <signin>`. It must read the same when
 * botocore splits it (shlex / Windows rules, no shell) and when the JS SDK hands it to a shell.
 */
export function credentialProcessLine(launcherPath: string, signinProfile: string, platform: Platform): string {
  if (!/^[A-Za-z0-9_\-./@:+]+$/.test(signinProfile) || signinProfile.startsWith('-')) {
    throw new Error(`"${signinProfile}" cannot be used as a sign-in profile name: use letters, digits and - _ . @ : + / only.`);
  }
  const plain = platform === 'win32' ? PLAIN_WORD : /^[A-Za-z0-9_\-./:@+,=]+$/;
  let first = launcherPath;
  if (!plain.test(launcherPath)) {
    const unsafe = platform === 'win32' ? /["%!]/ : UNSAFE_IN_QUOTES;
    if (unsafe.test(launcherPath)) {
      throw new Error(
        `The launcher path ${launcherPath} contains characters that cannot be quoted safely for credential_process. Set AWS_LOGIN_TRAY_HOME to a plain folder path and try again.`,
      );
    }
    first = `"${launcherPath}"`;
  }
  return `${first} --profile ${signinProfile}`;
}
