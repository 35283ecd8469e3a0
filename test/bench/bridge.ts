import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../support/launch-host';

export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<LoadFigures> {
  const result = await autocannon({ url, headers, connections: 10, pipelining: 1, duration: seconds });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

/**
 * The bridge under load (issue 9: ≥ 8k req/s and p99 ≤ 5 ms at 10 connections with a valid token): autocannon
 * here, the bridge in a process of its own, each route warmed up first; bare express measured the same way
 * for comparison, since a loaded machine moves both.
 */
export async function bridgeFigures(seconds = 10): Promise<{ tasks: LoadFigures; info: LoadFigures; bare: LoadFigures }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/bench/bridge-host.ts')], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the bench bridge exited with ${code}`)));
      createInterface({ input: child.stdout! }).once('line', resolve);
    });
    const { port, token, barePort } = JSON.parse(line) as { port: number; token: string; barePort: number };
    const auth = { authorization: `Bearer ${token}` };
    const measure = async (url: string, headers: Record<string, string>) => {
      await load(url, headers, 2);
      return load(url, headers, seconds);
    };
    const bare = await measure(`http://127.0.0.1:${barePort}/`, {});
    const tasks = await measure(`http://127.0.0.1:${port}/v1/tasks`, auth);
    const info = await measure(`http://127.0.0.1:${port}/v1/info`, auth);
    return { tasks, info, bare };
  } finally {
    child.stdin!.end();
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
  }
}
