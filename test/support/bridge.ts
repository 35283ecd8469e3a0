import { request, type Agent } from 'node:http';
import { OWNER_UI } from '../../src/shared/auth';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../src/shared/contract';
import type { AuraApp } from '../../src/core/app';
import { startBridge, type Bridge, type BridgeOptions } from '../../src/main/bridge/bridge-server';
import { openTempApp } from './temp-app';

export const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export interface BridgeReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: { ok: boolean; result?: unknown; error?: { code: string; message: string; hint?: string } } | undefined;
}

/** One HTTP request to the bridge over a keep-alive agent; Host is 127.0.0.1:<port> unless given. */
export function bridgeRequest(
  port: number,
  options: { method?: string; path: string; token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; agent?: Agent },
): Promise<BridgeReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers, agent: options.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: BridgeReply['json'];
        try {
          json = JSON.parse(text) as BridgeReply['json'];
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Calls a procedure as the owner (the app's window), failing the test on an error reply. */
export async function asOwner<K extends ProcedureName>(app: AuraApp, method: K, input: ProcedureInput<K>): Promise<ProcedureOutput<K>> {
  const reply = await app.dispatch(method, input, OWNER_UI);
  if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.result as ProcedureOutput<K>;
}

/** A real app in a temporary data folder with a real bridge on an ephemeral port. */
export async function openBridge(options: Partial<Omit<BridgeOptions, 'app' | 'port'>> = {}, app: AuraApp & { dispose(): Promise<void> } = openTempApp()) {
  const bridge: Bridge = await startBridge({ app, port: 0, ...options });
  return {
    app,
    bridge,
    port: bridge.port,
    async dispose() {
      await bridge.close();
      await app.dispose();
    },
  };
}
