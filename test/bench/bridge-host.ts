// The bridge in a process of its own for `npm run bench -- bridge` (the load generator must not share its
// event loop): a temporary app with 50 tasks, a read token, the bridge on a free port, and bare express beside
// it for comparison. Prints one JSON line with the ports and the token; exits when stdin closes.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { startBridge } from '../../src/main/bridge/bridge-server';
import { OWNER_UI } from '../../src/shared/auth';
import { openTempApp } from '../support/temp-app';

async function main(): Promise<void> {
  const app = openTempApp();
  for (let i = 0; i < 50; i += 1) app.tasks.create({ goal: `Bench task ${i}`, workspacePath: app.home, profile: 'ask' }, 'cli');
  const reply = await app.dispatch('bridge.tokens.create', { name: 'bench', scopes: ['tasks:read'] }, OWNER_UI);
  if (!reply.ok) throw new Error(reply.error.message);
  const { token } = reply.result as { token: string };
  // The per-token limit (6,000 a minute by default) would refuse a load test; its middleware still runs.
  const bridge = await startBridge({ app, port: 0, limits: { requestsPerMinute: Number.POSITIVE_INFINITY } });
  const bare = express();
  bare.get('/', (_req, res) => {
    res.json({ ok: true, result: { name: 'Aura Work' } });
  });
  const server = bare.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  console.log(JSON.stringify({ port: bridge.port, token, barePort: (server.address() as AddressInfo).port }));
  process.stdin.resume();
  process.stdin.on('end', () => {
    server.close();
    void bridge.close().then(() => app.dispose()).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
