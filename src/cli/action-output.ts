import { resolveAppHome } from '../core/app-home';
import type { ActionResult, UserError } from '../shared/errors';
import type { ActionDeps } from '../node/actions';
import { openAppStore } from '../node/app-store';
import { createAutoLoginSwitch, type AutoLoginSwitch, type AutoLoginSwitchResult } from '../node/auto-login-switch';
import { nodeHelperRuntime } from '../node/launcher';
import { EXIT_ERROR, EXIT_FAILED, EXIT_OK, type CliContext } from './context';

/** The login/logout dependencies for this CLI run; Ctrl-C aborts `signal` so a running `aws login` is stopped and its lock freed. */
export function actionDeps(ctx: CliContext, signal?: AbortSignal): ActionDeps {
  return {
    env: ctx.env,
    platform: ctx.platform,
    homeDir: ctx.homeDir,
    store: openAppStore(resolveAppHome(ctx.env, ctx.platform, ctx.homeDir)),
    clock: ctx.clock,
    signal,
    onProgress: (message) => ctx.stderr(`${message}\n`),
  };
}

/** The error and its next step on stderr, the one way every command reports a failure. */
function printError(error: UserError, ctx: CliContext): void {
  ctx.stderr(`aws-login-tray: ${error.message}\n`);
  if (error.hint) ctx.stderr(`Next step: ${error.hint}\n`);
}

/** Prints a result for a person: the message on stdout, or the error and its next step on stderr; exit 2 for a broken config (as documented), else 1. */
export function printResult(result: ActionResult, ctx: CliContext): number {
  if (result.ok) {
    if (result.message) ctx.stdout(`${result.message}\n`);
    return EXIT_OK;
  }
  printError(result.error, ctx);
  return result.error.code === 'config-error' ? EXIT_ERROR : EXIT_FAILED;
}

/** The auto-login switch as the CLI uses it: CLI wording in next steps, the helper run by this Node. */
export function cliAutoLoginSwitch(ctx: CliContext): AutoLoginSwitch {
  return createAutoLoginSwitch({
    env: ctx.env, platform: ctx.platform, homeDir: ctx.homeDir, audience: 'cli',
    launcherRuntime: nodeHelperRuntime(ctx.env as NodeJS.ProcessEnv),
  });
}

/**
 * Prints what enable/disable-auto-login did, the same for both: notes, the message, the
 * credential_process line (enable only), the backup, then `after`; exit 1 refused, 2 failed.
 */
export function printSwitchReport(report: AutoLoginSwitchResult, ctx: CliContext, after: string[] = []): number {
  if (!report.ok) {
    printError(report.error, ctx);
    return report.refused ? EXIT_FAILED : EXIT_ERROR;
  }
  for (const note of report.notes) ctx.stdout(`${note}\n`);
  ctx.stdout(`${report.message}\n`);
  if (report.credentialProcess) ctx.stdout(`  credential_process = ${report.credentialProcess}\n`);
  if (report.backupPath) ctx.stdout(`Backup of the previous file: ${report.backupPath}\n`);
  for (const line of after) ctx.stdout(`${line}\n`);
  return EXIT_OK;
}

/** Runs an action with Ctrl-C (SIGINT/SIGTERM) wired to its AbortSignal, then removes the handlers. */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error('interrupted'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
