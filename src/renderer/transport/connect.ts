import type { Transport } from '../../shared/client';
import { ALWAYS_OPEN, type ConnectionSource } from './connection-status';
import { takeLaunchToken } from './launch-token';
import { SocketTransport, type TransportMessages } from './socket-transport';

/** A transport and the status of the link it runs over. */
export interface Connection {
  transport: Transport;
  source: ConnectionSource;
}

export type ConnectResult = { kind: 'ready'; connection: Connection } | { kind: 'no-token' };

/**
 * Picks the transport: the preload's IPC bridge inside Electron, otherwise the headless host's
 * WebSocket, which needs the launch token printed by `npm start`.
 */
export function connect(messages: TransportMessages): ConnectResult {
  if (window.aura) return { kind: 'ready', connection: { transport: window.aura, source: ALWAYS_OPEN } };
  const token = takeLaunchToken(window);
  if (!token) return { kind: 'no-token' };
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new SocketTransport({ url: `${scheme}://${location.host}/api/ws?token=${encodeURIComponent(token)}`, messages });
  return { kind: 'ready', connection: { transport: socket, source: socket } };
}
