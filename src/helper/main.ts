import { credentialProcessJson, isFresh } from '../core/credential-json';
import type { Env, FilePort, Platform } from '../core/ports';
import type { FastPathSource } from '../node/fast-path-record';
import { parseHelperArgs } from './args';
import { HELPER_EXIT, helperErrorOutcome, helperMessage, type HelperOutcome } from './exit-codes';
import { fastPathSource, recordingFilePort } from './fast-path-record-hook';
import { readSigninStateSettled } from './read-signin';

/** What the slow path (dist/helper-slow.cjs) exports; loaded only when the cache cannot answer. */
export interface SlowPathModule {
  runSlowPath(input: SlowPathInput): Promise<HelperOutcome>;
}

/** Where the slow path starts from (it re-reads every file itself, under its locks). */
export interface SlowPathInput {
  signinProfile: string;
  env: Env;
  platform: Platform;
  homeDir: string;
}

export interface HelperDeps {
  env: Env;
  platform: Platform;
  homeDir: string;
  files: FilePort;
  now(): number;
  loadSlowPath(): SlowPathModule | Promise<SlowPathModule>;
  /** Keeps the native fast path's record of this sign-in profile current (written only when it changed). */
  recordFastPath?(source: FastPathSource): void;
}

/**
 * `credential-process --profile <signin>`: answers from the login cache when the token has more
 * than 5 minutes left (the fast path: no SDK, no child process); otherwise hands over to the slow path.
 */
export async function runHelper(argv: readonly string[], deps: HelperDeps): Promise<HelperOutcome> {
  const args = parseHelperArgs(argv);
  if ('error' in args) return { code: HELPER_EXIT.CONFIG, message: helperMessage(args.error) };
  let state;
  const read = recordingFilePort(deps.files);
  try {
    state = await readSigninStateSettled(read.files, deps.env, deps.platform, deps.homeDir, args.profile);
  } catch (err) {
    // A broken config or a file we may not read is the user's to fix (exit 2); anything else is a bug.
    return helperErrorOutcome(err);
  }
  if (!state.profile) {
    return {
      code: HELPER_EXIT.CONFIG,
      message: helperMessage(
        `the sign-in profile "${args.profile}" is not in ${state.paths.configFile}. Recreate it: \`aws-login-tray enable-auto-login ${state.users?.length === 1 ? state.users[0] : '<profile>'} --signin-profile ${args.profile}\`.`,
      ),
    };
  }
  const source = deps.recordFastPath && fastPathSource(args.profile, state, read.texts, deps.env, deps.platform);
  if (source) deps.recordFastPath!(source);
  if (state.cache.kind === 'ok' && isFresh(state.cache.cache.accessToken.expiresAtMs, deps.now())) {
    const t = state.cache.cache.accessToken;
    return { code: HELPER_EXIT.OK, stdout: credentialProcessJson({ ...t, expiration: t.expiresAt }) };
  }
  const slow = await deps.loadSlowPath();
  return slow.runSlowPath({ signinProfile: args.profile, env: deps.env, platform: deps.platform, homeDir: deps.homeDir });
}
