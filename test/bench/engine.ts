import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logging/logger';
import { ModelRouter } from '../../src/core/providers/model-router';
import type { TaskStep } from '../../src/shared/tasks';
import type { LlmProcess } from '../support/llm-process';
import { openTempApp } from '../support/temp-app';

/**
 * Steps of `tasks` tasks of `steps` steps each (after one warm-up task), each step one executor call
 * to a zero-delay scripted provider in its own process. `stepMs` is a step's wall time; `overheadMs`
 * is that minus the provider's own time for the call (request received → answer written, as the
 * provider measured it): routing, the SDK, HTTP on our side, persistence and events.
 */
export async function engineStepTimes(llm: LlmProcess, tasks = 30, steps = 10): Promise<{ stepMs: number[]; overheadMs: number[] }> {
  const app = openTempApp(undefined, { router: new ModelRouter({ env: {}, logger: silentLogger }) });
  const workspace = join(app.home, 'ws');
  mkdirSync(workspace);
  const started = new Map<string, bigint>();
  let samples: number[] = [];
  app.events.subscribe((event, payload) => {
    if (event !== 'task.step') return;
    const step = payload as TaskStep;
    if (step.status === 'running') started.set(step.id, process.hrtime.bigint());
    else if (step.status === 'done' && started.has(step.id)) samples.push(Number(process.hrtime.bigint() - (started.get(step.id) ?? 0n)) / 1e6);
  });
  const plan = { text: JSON.stringify({ steps: Array.from({ length: steps }, (_, i) => ({ title: `Step ${i + 1}`, detail: '' })) }) };
  for (let t = 0; t <= tasks; t += 1) {
    await llm.script(plan, ...Array.from({ length: steps }, (_, i) => ({ text: `Did step ${i + 1}.` })), { text: '{"verdict":"pass","reasons":[]}' });
    const reply = await app.dispatch('tasks.create', { goal: `bench ${t}`, workspacePath: workspace, profile: 'yes', model: { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl } }, { actor: 'bench' });
    if (!reply.ok) throw new Error(reply.error.message);
    const done = await app.agent.settled((reply.result as { id: string }).id);
    if (done.status !== 'done') throw new Error(`bench task ended ${done.status}: ${done.error}`);
  }
  await app.dispose();
  const executorCalls = (await llm.requests()).filter((r) => JSON.stringify(r.body).includes('You are the executor'));
  if (executorCalls.length !== samples.length) throw new Error(`matched ${samples.length} steps to ${executorCalls.length} calls`);
  const providerMs = executorCalls.map((r) => (r.finishedAt ?? r.receivedAt) - r.receivedAt);
  samples = samples.slice(steps); // warm-up task
  return { stepMs: samples, overheadMs: samples.map((ms, i) => ms - (providerMs[i + steps] ?? 0)) };
}
