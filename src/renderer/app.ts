import { unwrapWireApi, type WireApi } from '../shared/ipc-contract';
import { systemClock } from './clock';
import { createHttpApi } from './http-api';
import { takePreviewToken } from './preview-token';
import { startTrayWindow } from './tray-window';

declare global {
  interface Window {
    /** Set by the Electron preload (results, not throws: see WireApi); absent in the browser preview. */
    awsLoginTray?: WireApi;
  }
}

/** Entry point: the Electron preload's API when present, else the preview server over HTTP (with the link's token). */
function main(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const api = window.awsLoginTray ? unwrapWireApi(window.awsLoginTray) : createHttpApi('', takePreviewToken(window));
  startTrayWindow(root, api, systemClock);
}

main();
