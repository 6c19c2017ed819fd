import { splitCommandLine, splitWindowsCommandLine } from './command-line';
import type { AwsProfile } from './config/types';
import type { ProfileKind } from './profile-kind-types';

export { splitCommandLine, splitWindowsCommandLine } from './command-line';

/** A profile's kind, and for auto-login profiles the profile that holds `login_session`. */
export interface KindInfo {
  kind: ProfileKind;
  signinProfile: string | null;
  /** Credential settings of the profile the AWS CLI ignores because `kind` outranks them (e.g. a login_session under a role_arn). */
  shadowed?: string[];
  /** For auto-login: our helper's launcher, or another command (the shell recipe, export-credentials) that logs in. */
  via?: 'helper' | 'recipe';
}

/** True when a credential_process line starts our launcher (not the shell recipe or another tool). The one such check. */
export function isOurHelperLine(line: string): boolean {
  for (const split of [splitCommandLine, splitWindowsCommandLine]) {
    try {
      const first = split(line)[0];
      if (first && (first.split(/[\\/]/).pop() ?? '').toLowerCase().startsWith('aws-login-tray')) return true;
    } catch {
      // Not splittable this way: try the other.
    }
  }
  return false;
}

/** The last path component, for either separator. */
function basename(word: string): string {
  return word.split(/[\\/]/).pop() ?? word;
}

const AWS_CLI = /^aws(\.exe|\.cmd)?$/i;
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash']);

/** The value of `--profile Y` / `--profile=Y` after index `from`; null when absent or flag-like. */
function profileFlag(words: string[], from: number): string | null {
  for (let j = from; j < words.length; j++) {
    const w = words[j]!;
    let value: string | undefined;
    if (w === '--profile') value = words[j + 1];
    else if (w.startsWith('--profile=')) value = w.slice('--profile='.length);
    if (value === undefined) continue;
    // A shell script may close a group right after the name: `--profile x)`.
    value = value.replace(/[);]+$/, '');
    return value !== '' && !value.startsWith('-') ? value : null;
  }
  return null;
}

/** `aws-login-tray-credential-process[.cmd] --profile Y` or `aws-login-tray credential-process --profile Y`. */
function helperSignin(words: string[]): string | null {
  for (let i = 0; i < words.length; i++) {
    const base = basename(words[i]!).toLowerCase();
    if (!base.startsWith('aws-login-tray')) continue;
    if (base.includes('credential-process') || words.slice(i + 1).includes('credential-process')) return profileFlag(words, i + 1);
  }
  return null;
}

/** `aws configure export-credentials --profile Y` starting at word i (a `(` may open a group). */
function exportCredentialsSignin(words: string[], i: number): string | null {
  const first = words[i]!.replace(/^\(+/, '');
  if (!AWS_CLI.test(basename(first)) || words[i + 1] !== 'configure' || words[i + 2] !== 'export-credentials') return null;
  const end = words.findIndex((w, j) => j > i + 2 && ['||', '&&', '|', ';'].includes(w));
  return profileFlag(words.slice(0, end < 0 ? words.length : end), i + 3);
}

/** The blog recipe: `sh -c '... aws configure export-credentials --profile Y ...'`. */
function recipeSignin(words: string[]): string | null {
  const shell = words.findIndex((w) => SHELLS.has(basename(w)));
  if (shell < 0) return null;
  const flag = words.findIndex((w, j) => j > shell && /^-[a-z]*c[a-z]*$/.test(w));
  const script = flag < 0 ? undefined : words[flag + 1];
  if (script === undefined) return null;
  let inner: string[];
  try {
    inner = splitCommandLine(script);
  } catch {
    return null;
  }
  for (let i = 0; i < inner.length; i++) {
    const found = exportCredentialsSignin(inner, i);
    if (found) return found;
  }
  return null;
}

/** The sign-in profile a credential_process command logs in through, or null for any other command. */
function autoLoginSignin(command: string): string | null {
  const splitters = [splitCommandLine, splitWindowsCommandLine];
  for (const split of splitters) {
    let words: string[];
    try {
      words = split(command);
    } catch {
      continue;
    }
    if (words.length === 0) continue;
    const found = helperSignin(words) ?? recipeSignin(words) ?? exportCredentialsSignin(words, 0);
    if (found) return found;
  }
  return null;
}

/**
 * Says how a profile gets its credentials, so the tray and CLI know which profiles they can log
 * in, which log in by themselves (credential_process through a `-signin` profile), and which hold
 * long-term keys.
 */
export function classifyProfile(profile: AwsProfile): KindInfo {
  const p = profile.properties;
  const has = (key: string): boolean => Object.hasOwn(p, key);
  // The AWS CLI's order when a profile holds several (recorded refusals and botocore's chain):
  // role_arn (also web identity), SSO with an account and role, keys in the credentials file,
  // then login_session, then credential_process, then keys in the config file.
  const keysIn = has('aws_access_key_id') ? (profile.sources.aws_access_key_id?.fileKind ?? 'config') : null;
  const sources: [string, boolean][] = [
    ['role_arn', has('role_arn')],
    ['sso', (has('sso_session') && (has('sso_account_id') || has('sso_role_name'))) || has('sso_start_url')],
    ['credentials-keys', keysIn === 'credentials'],
    ['login_session', has('login_session')],
    ['credential_process', has('credential_process')],
    ['config-keys', keysIn === 'config'],
  ];
  const present = sources.filter(([, on]) => on).map(([name]) => name);
  const winner = present[0];
  const shadowed = present.slice(1).map((s) => (s === 'credentials-keys' || s === 'config-keys' ? 'aws_access_key_id' : s === 'sso' ? 'sso_session' : s));
  const info = (kind: ProfileKind, signinProfile: string | null = null): KindInfo => (shadowed.length > 0 ? { kind, signinProfile, shadowed } : { kind, signinProfile });
  switch (winner) {
    case 'role_arn':
      return info('assume-role');
    case 'sso':
      return info('sso');
    case 'credentials-keys':
    case 'config-keys':
      return info('static-keys');
    case 'login_session':
      return info('login');
    case 'credential_process': {
      const signin = autoLoginSignin(p.credential_process!);
      return signin ? { ...info('auto-login', signin), via: isOurHelperLine(p.credential_process!) ? 'helper' : 'recipe' } : info('credential-process');
    }
    default:
      // sso_session alone holds no credentials (aws login accepts such a profile).
      return has('sso_session') ? info('sso') : info('other');
  }
}
