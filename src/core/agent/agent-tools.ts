import { jsonSchema, tool, type Schema, type ToolSet } from 'ai';
import { randomUUID } from 'node:crypto';
import type { ToolCallRecord } from '../../shared/tasks';
import type { PermissionProfileDoc } from '../../shared/permissions';
import type { TaskStore } from '../tasks/task-store';
import type { ToolDefinition } from '../tools/tool-definition';
import type { ToolRegistry } from '../tools/tool-registry';
import type { ToolRunner } from '../tools/tool-runner';
import type { ApprovalQueue } from './approval-queue';
import { isWithheld } from '../permissions/permission-gate';
import type { TaskGrants } from '../permissions/task-grants';
import { RedactingStream } from '../secrets/redacting-stream';
import { redactDeep } from '../secrets/secret-values';
import { AuraError, toErrorShape, type ErrorShape } from '../../shared/errors';
import { outputForModel, READ_OUTPUT_TOOL, readOutputTool } from './tool-output';

export interface AgentToolContext {
  taskId: string;
  stepId: string;
  roots: string[];
  /** The task's profile, read again for every call: an "always allow" answer changes it mid-step. */
  profile: () => PermissionProfileDoc;
  /** The tools the user allowed for the rest of this task. */
  grants: TaskGrants;
  signal: AbortSignal;
  /** Called when a call starts or stops waiting for the user, so the task status can follow. */
  onWaiting: (waiting: boolean) => void;
  /** Called with each finished call, so the engine can notice a tool that keeps failing the same way. */
  onOutcome?: (record: ToolCallRecord) => void;
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
 * Wraps the registered tools the profile lets this step use (a denied tool is not even offered: it
 * would only cost tokens and failed calls): each call is persisted as it moves through its states,
 * passes the permission gate and the audit in the runner, and waits for approval when the gate asks.
 */
export function buildAgentTools(registry: ToolRegistry, runner: ToolRunner, store: TaskStore, approvals: ApprovalQueue, ctx: AgentToolContext): ToolSet {
  const tools: ToolSet = { [READ_OUTPUT_TOOL]: readOutputTool(store, ctx.taskId) };
  for (const info of registry.list()) {
    const definition = registry.get(info.name);
    if (!definition || isWithheld(ctx.profile(), definition)) continue;
    tools[info.name] = tool({
      description: info.description,
      inputSchema: modelSchema(definition, info.inputSchema),
      execute: async (input: unknown) => {
        let record: ToolCallRecord = { id: randomUUID(), taskId: ctx.taskId, stepId: ctx.stepId, name: info.name, input, output: null, status: 'pending', risk: info.risk, error: null, durationMs: null, createdAt: new Date().toISOString() };
        store.saveToolCall(record);
        // Streamed output is redacted as one stream, so a key cut across two chunks is still caught whole.
        const output = new RedactingStream();
        const stream = (chunk: string) => {
          if (chunk) store.emitToolOutput({ taskId: ctx.taskId, toolCallId: record.id, chunk });
        };
        const started = performance.now();
        const result = await runner
          .call({
            name: info.name,
            input,
            ctx: { roots: ctx.roots, signal: ctx.signal, actor: 'agent', taskId: ctx.taskId, toolCallId: record.id, onOutput: (chunk) => stream(output.push(chunk)) },
            profile: ctx.profile(),
            granted: ctx.grants.has(ctx.taskId, info.name),
            approve: async (preview) => {
              ctx.onWaiting(true);
              try {
                const { decision, note } = await approvals.wait(record.id, ctx.taskId, ctx.signal, preview);
                return { approved: decision !== 'deny', note };
              } finally {
                ctx.onWaiting(false);
              }
            },
            onStatus: (status) => {
              record = store.saveToolCall({ ...record, status });
            },
          })
          // A call that could not even be gated (its worker would not start, a write failed) still ends
          // on record as failed, never left pending, and counts towards a tool that keeps failing.
          .catch((err: unknown) => ({ ok: false as const, status: 'failed' as const, error: toolFailure(err), durationMs: performance.now() - started }));
        stream(output.release());
        record = store.saveToolCall(
          result.ok
            ? { ...record, status: 'done', output: result.output as ToolCallRecord['output'], durationMs: Math.round(result.durationMs) }
            : { ...record, status: result.status, error: result.error, durationMs: Math.round(result.durationMs) },
        );
        ctx.onOutcome?.(record);
        // The model sees failures as results it can act on (fix the path, pick another tool), and never a
        // secret a file or a command printed.
        return result.ok ? outputForModel(record.id, redactDeep(result.output)) : { error: redactDeep(result.error) };
      },
    });
  }
  return tools;
}

/**
 * Records a call the model made that never reached a tool: a tool the profile withholds (denied, as the
 * gate would have), or an unknown name or arguments that do not parse (failed).
 */
export function recordRejectedCall(store: TaskStore, registry: ToolRegistry, profile: PermissionProfileDoc, at: { taskId: string; stepId: string }, name: string, input: unknown, error: unknown): void {
  const known = registry.get(name);
  const withheld = known !== undefined && isWithheld(profile, known);
  store.saveToolCall({
    id: randomUUID(),
    taskId: at.taskId,
    stepId: at.stepId,
    name,
    input: input ?? null,
    output: null,
    status: withheld ? 'denied' : 'failed',
    risk: known?.risk ?? null,
    error: withheld
      ? { code: 'FORBIDDEN', message: `${name} is not allowed under the ${profile.name} permission profile.`, hint: 'Run the task under a profile that allows it, or add a rule for it: aura profiles show.' }
      : { code: 'INVALID_INPUT', message: (error instanceof Error ? error.message : String(error)).slice(0, 500) },
    durationMs: 0,
    createdAt: new Date().toISOString(),
  });
}

function toolFailure(err: unknown): ErrorShape {
  return err instanceof AuraError ? err.toShape() : { ...toErrorShape(err), code: 'TOOL_FAILED' };
}
