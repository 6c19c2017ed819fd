// Runs in the sandboxed preload: exposes the named API methods, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { exposeApi } from './api';

exposeApi(contextBridge, ipcRenderer);
