import { contextBridge, ipcRenderer } from 'electron';
import { createIpcTransport } from './transport';

// SECURITY: the page gets `window.aura` (call + subscribe, checked against the contract) and
// nothing else; ipcRenderer itself is never exposed.
contextBridge.exposeInMainWorld('aura', createIpcTransport(ipcRenderer));
