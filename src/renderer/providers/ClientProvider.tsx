import { useMemo, type ReactNode } from 'react';
import { createClient } from '../../shared/client';
import { ClientContext, ConnectionContext } from '../hooks/use-client';
import type { Connection } from '../transport/connect';

/** Makes the typed client and the connection status available to every component below. */
export function ClientProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const client = useMemo(() => createClient(connection.transport), [connection]);
  return (
    <ConnectionContext.Provider value={connection.source}>
      <ClientContext.Provider value={client}>{children}</ClientContext.Provider>
    </ConnectionContext.Provider>
  );
}
