const USAGE = 'Usage: npm run preview -- [--port N]   (N = 0 picks a free port; default 4477)';

/** `--port N` from the command line, or an error sentence for the person who typed it. */
export function parsePort(argv: readonly string[]): { ok: true; port: number } | { ok: false; message: string } {
  let port = 4477;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--port' ? argv[++i] : arg.startsWith('--port=') ? arg.slice('--port='.length) : undefined;
    if (arg === '--help' || arg === '-h') return { ok: false, message: USAGE };
    if (arg === '--port' && value === undefined) return { ok: false, message: `--port needs a number.\n${USAGE}` };
    if (value === undefined) return { ok: false, message: `Unknown option "${arg}".\n${USAGE}` };
    if (!/^\d+$/.test(value) || Number(value) > 65535) return { ok: false, message: `--port must be a number from 0 to 65535 (got "${value}").` };
    port = Number(value);
  }
  return { ok: true, port };
}
