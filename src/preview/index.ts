import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../core/ports';
import { nodeHelperRuntime } from '../node/launcher';
import { createTrayBackend } from '../node/tray-backend';
import { parsePort } from './args';
import { startPreviewServer } from './server';

/** Starts the browser preview of the tray window: same service as the app, no Electron. */
async function main(): Promise<void> {
  const parsed = parsePort(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(2);
  }
  const platform = process.platform as Platform;
  const env = process.env;
  // Auto-login from the preview runs the helper with this Node: dist/helper.cjs beside dist/preview.cjs.
  const { service } = createTrayBackend({ env, platform, homeDir: homedir(), helperRuntime: nodeHelperRuntime(env) });
  let server;
  try {
    server = await startPreviewServer({ port: parsed.port, rendererDir: join(__dirname, 'renderer'), api: service });
  } catch (err) {
    service.close();
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE' ? `Port ${parsed.port} is in use. Pick another with --port N (0 = any free port).\n` : `Could not start the preview: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`AWS Login Tray preview: ${server.url}\nPress Ctrl-C to stop.\n`);
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    service.close();
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
