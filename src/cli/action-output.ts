import { resolveAppHome } from '../core/app-home';
import type { ActionResult } from '../shared/errors';
import type { ActionDeps } from '../node/actions';
import { openAppStore } from '../node/app-store';
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

/** Prints a result for a person: the message on stdout, or the error and its next step on stderr; exit 2 for a broken config (as documented), else 1. */
export function printResult(result: ActionResult, ctx: CliContext): number {
  if (result.ok) {
    if (result.message) ctx.stdout(`${result.message}\n`);
    return EXIT_OK;
  }
  ctx.stderr(`aws-login-tray: ${result.error.message}\n`);
  if (result.error.hint) ctx.stderr(`Next step: ${result.error.hint}\n`);
  return result.error.code === 'config-error' ? EXIT_ERROR : EXIT_FAILED;
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
