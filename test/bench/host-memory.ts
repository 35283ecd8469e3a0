import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { hostRpc } from '../support/host-rpc';
import { launchHost, type LaunchedHost } from '../support/launch-host';
import type { LlmProcess } from '../support/llm-process';
import { tempDir } from '../support/temp-app';

const STEPS = 12;

/** Resident memory of a process, from /proc (Linux): what the OS gives it, not the JS heap alone. */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

async function runTask(host: LaunchedHost, llm: LlmProcess, workspaceId: string, steps: number): Promise<void> {
  const plan = { text: JSON.stringify({ steps: Array.from({ length: steps }, (_, i) => ({ title: `Step ${i + 1}`, detail: '' })) }) };
  await llm.script(plan, ...Array.from({ length: steps }, (_, i) => ({ text: `Did step ${i + 1}.` })), { text: '{"verdict":"pass","reasons":[]}' });
  const task = await hostRpc<{ id: string }>(host, 'tasks.create', { goal: 'memory bench', workspaceId, profile: 'yes', model: { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl } });
  for (;;) {
    const { tasks } = await hostRpc<{ tasks: { id: string; status: string }[] }>(host, 'tasks.list', { page: 1, pageSize: 5 });
    const status = tasks.find((t) => t.id === task.id)?.status;
    if (status === 'done') return;
    if (status === 'failed' || status === 'cancelled') throw new Error(`memory bench task ended ${status}`);
    await wait(20);
  }
}

/**
 * The headless host's resident memory when idle (after one warm-up task has loaded the provider code)
 * and after `turns` more model turns (tasks of 12 steps, the most a plan may have: plan, steps, review), each read after a pause
 * so the figures are not caught mid-collection.
 */
export async function hostMemoryAfterTurns(llm: LlmProcess, turns = 1000): Promise<{ idleMb: number; afterMb: number }> {
  const home = tempDir();
  const workspace = join(home, 'ws');
  mkdirSync(workspace);
  const host = await launchHost({ AURA_HOME: home });
  try {
    const pid = host.child.pid!;
    const { id: workspaceId } = await hostRpc<{ id: string }>(host, 'workspaces.add', { name: 'Bench', path: workspace });
    await runTask(host, llm, workspaceId, STEPS);
    await wait(3000);
    const idleMb = rssMb(pid);
    for (let done = 0; done < turns; done += STEPS + 2) await runTask(host, llm, workspaceId, STEPS);
    await wait(3000);
    return { idleMb, afterMb: rssMb(pid) };
  } finally {
    await host.stop();
  }
}
