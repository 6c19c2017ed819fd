// The credential_process helper (dist/helper.cjs). Kept tiny: it runs on every AWS call, so only the
// fast path lives here; the SDK refresh and the login are in dist/helper-slow.cjs, loaded on demand.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveAppHome } from '../core/app-home';
import { updateFastPathRecord } from '../node/fast-path-record';
import { currentPlatform } from '../node/file-facts';
import { nodeFilePort } from '../node/fs-port';
import { describeWriteError, tryWriteStderr, writeAllSync } from '../node/write-stdio';
import { HELPER_EXIT, helperErrorOutcome, helperMessage } from './exit-codes';
import { runHelper, type SlowPathModule } from './main';

// Set by the packaged app's launcher for this process only: `aws login` and its browser must not inherit it.
delete process.env.ELECTRON_RUN_AS_NODE;

const platform = currentPlatform();

runHelper(process.argv.slice(2), {
  env: process.env,
  platform,
  homeDir: homedir(),
  files: nodeFilePort,
  now: () => Date.now(),
  // A computed path keeps esbuild from inlining the slow bundle into this one (plain require: the
  // bundle is CommonJS, and import() of a Windows path would need a file: URL and the ESM loader).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadSlowPath: () => require(join(__dirname, 'helper-slow.cjs')) as SlowPathModule,
  // The native fast path (launcher -> native/credential-process.c) answers from this record next time.
  recordFastPath: (source) => void updateFastPathRecord(resolveAppHome(process.env, platform, homedir()), source),
}).then(
  (outcome) => {
    process.exitCode = outcome.code;
    if (outcome.code !== HELPER_EXIT.OK) return tryWriteStderr(`${outcome.message}\n`);
    // Sync writes: the AWS CLI reads stdout to the end, and stdout carries only the JSON.
    try {
      writeAllSync(1, outcome.stdout);
    } catch (err) {
      // The caller went away (EPIPE) or stdout is a full disk: no credentials were delivered.
      process.exitCode = HELPER_EXIT.NO_CREDENTIALS;
      tryWriteStderr(`${helperMessage(`could not write the credentials to stdout: ${describeWriteError(err)}.`)}\n`);
    }
  },
  (err: unknown) => {
    const outcome = helperErrorOutcome(err);
    process.exitCode = outcome.code;
    if (outcome.code !== HELPER_EXIT.OK) tryWriteStderr(`${outcome.message}\n`);
  },
);
