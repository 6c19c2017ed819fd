import type { TrayApi } from '../shared/ipc-contract';
import { systemClock } from './clock';
import { createHttpApi } from './http-api';
import { startTrayWindow } from './tray-window';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser preview. */
    awsLoginTray?: TrayApi;
  }
}

/** Entry point: the Electron preload's API when present, else the preview server over HTTP. */
function main(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const api = window.awsLoginTray ?? createHttpApi('');
  startTrayWindow(root, api, systemClock);
}

main();
