import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { AuraClient } from '../../shared/client';
import { ALWAYS_OPEN, type ConnectionSource, type ConnectionStatus } from '../transport/connection-status';

export const ClientContext = createContext<AuraClient | null>(null);
export const ConnectionContext = createContext<ConnectionSource>(ALWAYS_OPEN);

/** The typed client of the contract; every page talks to the host through it. */
export function useClient(): AuraClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() needs a <ClientProvider> above it.');
  return client;
}

function useConnectionSnapshot<T>(select: (status: ConnectionStatus) => T): T {
  const source = useContext(ConnectionContext);
  const subscribe = useCallback((listener: () => void) => source.subscribeStatus(listener), [source]);
  return useSyncExternalStore(subscribe, () => select(source.getStatus()));
}

const identity = (status: ConnectionStatus) => status;
const reconnects = (status: ConnectionStatus) => Math.max(0, status.opens - 1);

export function useConnectionStatus(): ConnectionStatus {
  return useConnectionSnapshot(identity);
}

export function useConnectionSource(): ConnectionSource {
  return useContext(ConnectionContext);
}

/**
 * Grows by one each time a dropped link comes back. Events sent while it was down are lost, so data
 * hooks refetch when it changes; components re-render only then, not on every status change.
 */
export function useReconnectCount(): number {
  return useConnectionSnapshot(reconnects);
}
