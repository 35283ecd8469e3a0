import { OWNER_CLI } from '../../src/shared/auth';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { jsonSchema, stepCountIs, streamText, tool, type ToolSet } from 'ai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logging/logger';
import { ModelRouter } from '../../src/core/providers/model-router';
import { registerBuiltinTools } from '../../src/core/tools/builtin/register-builtin-tools';
import { ToolRegistry } from '../../src/core/tools/tool-registry';
import { hostFs } from '../../src/core/tools/workspace-fs';
import type { TaskStep } from '../../src/shared/tasks';
import type { LlmProcess } from '../support/llm-process';
import { openTempApp } from '../support/temp-app';

/**
 * Steps of `tasks` tasks of `steps` steps each (after one warm-up task), each step one executor call
 * to a zero-delay scripted provider in its own process. `stepMs` is a step's wall time (previous step's end to its end); `overheadMs`
 * is that minus the provider's own time for the call (request received → answer written, as the
 * provider measured it): routing, the SDK, HTTP on our side, persistence and events.
 */
export async function engineStepTimes(llm: LlmProcess, tasks = 30, steps = 10): Promise<{ stepMs: number[]; overheadMs: number[] }> {
  const app = openTempApp(undefined, { router: new ModelRouter({ env: {}, logger: silentLogger }) });
  const workspace = join(app.home, 'ws');
  mkdirSync(workspace);
  // A step's time runs from the previous step's end (the first step's: its start) to its own end, so
  // every write between two model calls is counted, whichever commit it rides in.
  let previousEnd: bigint | null = null;
  let samples: number[] = [];
  app.events.subscribe((event, payload) => {
    if (event !== 'task.step') return;
    const step = payload as TaskStep;
    if (step.status === 'running' && step.index === 0) previousEnd = process.hrtime.bigint();
    else if (step.status === 'done' && previousEnd !== null) {
      const at = process.hrtime.bigint();
      samples.push(Number(at - previousEnd) / 1e6);
      previousEnd = at;
    }
  });
  const plan = { text: JSON.stringify({ steps: Array.from({ length: steps }, (_, i) => ({ title: `Step ${i + 1}`, detail: '' })) }) };
  for (let t = 0; t <= tasks; t += 1) {
    await llm.script(plan, ...Array.from({ length: steps }, (_, i) => ({ text: `Did step ${i + 1}.` })), { text: '{"verdict":"pass","reasons":[]}' });
    const reply = await app.dispatch('tasks.create', { goal: `bench ${t}`, workspacePath: workspace, profile: 'yes', model: { provider: 'openai-compatible', model: 'scripted', baseUrl: llm.baseUrl } }, OWNER_CLI);
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

/**
 * The floor under `overheadMs`: the same call through the AI SDK alone (same provider, same six tools,
 * streamed), with no engine around it, minus the provider's own time.
 */
export async function sdkCallTimes(llm: LlmProcess, calls = 300): Promise<number[]> {
  const registry = new ToolRegistry();
  registerBuiltinTools(registry, hostFs);
  const tools: ToolSet = {};
  for (const info of registry.list()) tools[info.name] = tool({ description: info.description, inputSchema: jsonSchema(info.inputSchema as Parameters<typeof jsonSchema>[0] & object), execute: async () => null });
  const model = createOpenAICompatible({ name: 'bench', baseURL: llm.baseUrl, includeUsage: true })('scripted');
  const samples: number[] = [];
  for (let i = 0; i < calls + 20; i += 1) {
    await llm.script({ text: `Did step ${i}.` });
    const started = performance.now();
    const result = streamText({ model, system: 'You are the executor.', messages: [{ role: 'user', content: 'Carry out the step.' }], tools, stopWhen: stepCountIs(12), maxRetries: 0 });
    for await (const part of result.fullStream) if (part.type === 'error') throw part.error;
    samples.push(performance.now() - started);
  }
  const requests = (await llm.requests()).slice(-samples.length);
  return samples.map((ms, i) => ms - ((requests[i]?.finishedAt ?? 0) - (requests[i]?.receivedAt ?? 0))).slice(20);
}
