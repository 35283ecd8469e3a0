import { createServer, type Server } from 'node:http';
import type { AuraApp } from '../../core/app';
import { createBridgeApp } from './bridge-app';
import { DEFAULT_BRIDGE_LIMITS, type BridgeLimits } from './rate-limits';
import { listenOnLoopback } from '../host/listen-loopback';

export interface BridgeOptions {
  app: AuraApp;
  /** 0: any free port (tests). The host passes AURA_BRIDGE_PORT, else the `bridgePort` setting. */
  port: number;
  limits?: Partial<BridgeLimits>;
  /** Slow clients: how long the headers, and the whole request, may take to arrive; how long an idle keep-alive connection stays. */
  timeouts?: Partial<{ headersMs: number; requestMs: number; keepAliveMs: number }>;
  /** How often an event stream gets a comment to keep it open (15 s). */
  heartbeatMs?: number;
}

export interface Bridge {
  port: number;
  /** `http://127.0.0.1:<port>/v1` */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

/**
 * Starts the bridge on 127.0.0.1 only (docs/BRIDGE.md). The host calls it after `createApp`, when the
 * `bridgeEnabled` setting is on, and prints `Bridge at <url>`; `close()` before `app.close()`.
 */
export async function startBridge({ app, port, limits, timeouts, heartbeatMs = 15_000 }: BridgeOptions): Promise<Bridge> {
  const time = { ...DEFAULT_TIMEOUTS, ...timeouts };
  let boundPort = port;
  const baseUrl = () => `http://127.0.0.1:${boundPort}/v1`;
  const { web, close: closeApp } = createBridgeApp(app, { limits: { ...DEFAULT_BRIDGE_LIMITS, ...limits }, heartbeatMs, port: () => boundPort, baseUrl });

  const server: Server = createServer(
    {
      headersTimeout: time.headersMs,
      requestTimeout: time.requestMs,
      keepAliveTimeout: time.keepAliveMs,
      // Timeouts are enforced on this beat: the default (30 s) would let a slow client hold a socket far past them.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(time.headersMs / 4))),
      maxHeaderSize: 16 * 1024,
    },
    web,
  );
  server.maxConnections = 512;
  server.maxRequestsPerSocket = 0;

  boundPort = await listenOnLoopback(server, port);
  app.bridge.setListening({ port: boundPort, url: baseUrl() });

  return {
    port: boundPort,
    url: baseUrl(),
    close: () =>
      new Promise<void>((resolve) => {
        app.bridge.setListening(null);
        closeApp();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
