import type { Transport } from '../shared/client';

declare global {
  interface Window {
    /** The contract over Electron IPC, exposed by the preload; absent in a plain browser. */
    readonly aura?: Transport;
  }
}

export {};
