/** How the renderer's link to the host is doing, as shown in the sidebar. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** Failed attempts since the last successful open. */
  readonly failures: number;
  /** How many times the link has opened; pages refetch when it grows past 1 (events were missed). */
  readonly opens: number;
}

/** A readable, subscribable status, shaped for `useSyncExternalStore`. */
export interface ConnectionSource {
  getStatus(): ConnectionStatus;
  subscribeStatus(listener: () => void): () => void;
  /** Skips the back-off wait and tries to connect now; a no-op when already open. */
  retryNow(): void;
}

/** Electron IPC cannot drop: the status is fixed. */
export const ALWAYS_OPEN: ConnectionSource = {
  getStatus: () => OPEN_STATUS,
  subscribeStatus: () => () => {},
  retryNow: () => {},
};

const OPEN_STATUS: ConnectionStatus = { state: 'open', failures: 0, opens: 1 };
