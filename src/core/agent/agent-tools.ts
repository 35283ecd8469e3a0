import { jsonSchema, tool, type Schema, type ToolSet } from 'ai';
import { randomUUID } from 'node:crypto';
import type { ToolCallRecord } from '../../shared/tasks';
import type { PermissionProfile } from '../../shared/tools';
import type { TaskStore } from '../tasks/task-store';
import type { ToolDefinition } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import type { ToolRunner } from '../tools/tool-runner';
import type { ApprovalQueue } from './approval-queue';

export interface AgentToolContext {
  taskId: string;
  stepId: string;
  roots: string[];
  profile: PermissionProfile;
  signal: AbortSignal;
  /** Called when a call starts or stops waiting for the user, so the task status can follow. */
  onWaiting: (waiting: boolean) => void;
}

const schemas = new WeakMap<ToolDefinition, Schema>();

/**
 * The schema the model sees, derived once per tool rather than on every step; the zod schema still
 * validates what the model sends.
 */
function modelSchema(definition: ToolDefinition, json: Record<string, unknown>): Schema {
  let schema = schemas.get(definition);
  if (!schema) {
    schema = jsonSchema(json as Exclude<Parameters<typeof jsonSchema>[0], () => unknown>, {
      validate: (value) => {
        const parsed = definition.inputSchema.safeParse(value);
        return parsed.success ? { success: true, value: parsed.data } : { success: false, error: parsed.error };
      },
    });
    schemas.set(definition, schema);
  }
  return schema;
}

/**
 * Wraps every registered tool for the model: each call is persisted as it moves through its states,
 * passes the permission gate and the audit in the runner, and waits for approval when the gate asks.
 */
export function buildAgentTools(registry: ToolRegistry, runner: ToolRunner, store: TaskStore, approvals: ApprovalQueue, ctx: AgentToolContext): ToolSet {
  const tools: ToolSet = {};
  for (const info of registry.list()) {
    const definition = registry.get(info.name);
    if (!definition) continue;
    tools[info.name] = tool({
      description: info.description,
      inputSchema: modelSchema(definition, info.inputSchema),
      execute: async (input: unknown) => {
        let record: ToolCallRecord = { id: randomUUID(), taskId: ctx.taskId, stepId: ctx.stepId, name: info.name, input, output: null, status: 'pending', risk: info.risk, error: null, durationMs: null, createdAt: new Date().toISOString() };
        store.saveToolCall(record);
        const result = await runner.call({
          name: info.name,
          input,
          ctx: { roots: ctx.roots, signal: ctx.signal, actor: 'agent', taskId: ctx.taskId },
          profile: ctx.profile,
          approve: async () => {
            ctx.onWaiting(true);
            try {
              return await approvals.wait(record.id, ctx.taskId, ctx.signal);
            } finally {
              ctx.onWaiting(false);
            }
          },
          onStatus: (status) => {
            record = store.saveToolCall({ ...record, status });
          },
        });
        record = store.saveToolCall(
          result.ok
            ? { ...record, status: 'done', output: result.output as ToolCallRecord['output'], durationMs: Math.round(result.durationMs) }
            : { ...record, status: result.status, error: result.error, durationMs: Math.round(result.durationMs) },
        );
        // The model sees failures as results it can act on (fix the path, pick another tool).
        return result.ok ? result.output : { error: result.error };
      },
    });
  }
  return tools;
}

/** Records a call the model made that never reached a tool (unknown name, arguments that do not parse). */
export function recordRejectedCall(store: TaskStore, taskId: string, stepId: string, name: string, input: unknown, error: unknown): void {
  store.saveToolCall({
    id: randomUUID(),
    taskId,
    stepId,
    name,
    input: input ?? null,
    output: null,
    status: 'failed',
    risk: null,
    error: { code: 'INVALID_INPUT', message: (error instanceof Error ? error.message : String(error)).slice(0, 500) },
    durationMs: 0,
    createdAt: new Date().toISOString(),
  });
}
