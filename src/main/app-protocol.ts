import type { Privileges } from 'electron';
import { APP_SCHEME } from '../core/app-url';
import { rendererResponse } from '../node/renderer-files';
import type { ProtocolPort } from './electron-ports';

/**
 * app: is standard (relative URLs and an origin of its own, app://tray, for the CSP's 'self') and
 * secure (a secure context, like https); no CSP bypass, no fetch/CORS, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: Privileges = { standard: true, secure: true };

/** Before app ready (Electron refuses it later): makes app: a privileged scheme. */
export function registerAppScheme(protocol: Pick<ProtocolPort, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
}

/**
 * After ready: serves app://tray/... from `rendererDir` only (see rendererResponse), each response
 * carrying `headers` (the Content-Security-Policy). Returns the undo.
 */
export function serveRenderer(protocol: Pick<ProtocolPort, 'handle' | 'unhandle'>, rendererDir: string, headers: Record<string, string>): () => void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request, headers));
  return () => protocol.unhandle(APP_SCHEME);
}
