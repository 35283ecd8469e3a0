import { OWNER_CLI } from '../../src/shared/auth';
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentLimits } from '../../src/core/agent/agent-limits';
import { ModelRouter } from '../../src/core/providers/model-router';
import { silentLogger } from '../../src/core/logging/logger';
import type { ModelRef } from '../../src/shared/providers';
import type { CreateTaskInput, Task, TaskDetail } from '../../src/shared/tasks';
import { startScriptedLlm, type ScriptedLlm } from './llm-server';
import { openTempApp, tempDir } from './temp-app';

export type Harness = Awaited<ReturnType<typeof openHarness>>;

/** A real app and a scripted LLM server, wired as a user would: a workspace folder and a model per role. */
export async function openHarness(options: { idleTimeoutMs?: number; home?: string; llm?: ScriptedLlm; limits?: Partial<AgentLimits> } = {}) {
  const llm = options.llm ?? (await startScriptedLlm({ models: ['model-a', 'model-b'] }));
  const home = options.home ?? tempDir();
  const workspace = join(home, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const router = new ModelRouter({ env: { ANTHROPIC_API_KEY: 'test-key' }, logger: silentLogger, backoffMs: 1, idleTimeoutMs: options.idleTimeoutMs ?? 5000 });
  const app = openTempApp(home, { router, env: { ANTHROPIC_API_KEY: 'test-key' }, ...(options.limits ? { agentLimits: options.limits } : {}) });
  const ref = (provider: 'openai-compatible' | 'anthropic' | 'openai' | 'google', model = 'model-a'): ModelRef => ({ provider, model, baseUrl: llm.baseUrl });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const reply = await app.dispatch(method, input, OWNER_CLI);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result as T;
  };
  return {
    app,
    llm,
    home,
    workspace: realpathSync(workspace),
    ref,
    call,
    /** Waits for a task to stop, then reads all of it. */
    async finish(id: string): Promise<TaskDetail> {
      await app.agent.settled(id);
      return app.tasks.detail(id);
    },
    /** Creates a task through the contract, as the UI does. */
    create: (input: Omit<CreateTaskInput, 'workspacePath'>) => call<Task>('tasks.create', { workspacePath: workspace, ...input }),
    async close(keepHome = false) {
      if (keepHome) await app.close();
      else await app.dispose();
      if (!options.llm) await llm.close();
    },
  };
}
