import { contextBridge, ipcRenderer } from 'electron';
import type { ContractNames } from '../shared/ipc-channels';
import { createIpcTransport } from './transport';

// The build puts the contract's names here (build/bundle.mjs), so the preload carries no schemas.
declare const AURA_CONTRACT_NAMES: ContractNames;

// SECURITY: the page gets `window.aura` (call, subscribe and a function per procedure, checked against the
// contract's names; main validates every input) and nothing else; ipcRenderer itself is never exposed.
contextBridge.exposeInMainWorld('aura', createIpcTransport(ipcRenderer, AURA_CONTRACT_NAMES));
