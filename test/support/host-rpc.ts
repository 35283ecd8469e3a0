import type { LaunchedHost } from './launch-host';

/** Calls a procedure on a running headless host over HTTP with its token, as a script would; for setup. */
export async function hostRpc<T>(host: LaunchedHost, method: string, input: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/rpc/${method}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const reply = (await res.json()) as { ok: boolean; result?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.result as T;
}
