import { isUsageError, parseArgs } from '../core/args';

const USAGE = 'Usage: npm run preview -- [--port N]   (N = 0 picks a free port; default 4477)';

/** `--port N` from the command line (the CLI's one parser), or an error sentence for the person who typed it. */
export function parsePort(argv: readonly string[]): { ok: true; port: number } | { ok: false; message: string } {
  let options;
  try {
    ({ options } = parseArgs(argv, { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }));
  } catch (err) {
    if (isUsageError(err)) return { ok: false, message: `${err.message.replace(/^./, (c) => c.toUpperCase())}.\n${USAGE}` };
    throw err;
  }
  if (options.help) return { ok: false, message: USAGE };
  if (options.port === undefined) return { ok: true, port: 4477 };
  if (!/^\d+$/.test(options.port) || Number(options.port) > 65535) return { ok: false, message: `--port must be a number from 0 to 65535 (got "${options.port}").` };
  return { ok: true, port: Number(options.port) };
}
