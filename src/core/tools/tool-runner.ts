import { createHash } from 'node:crypto';
import { AuraError, describeIssues, type ErrorShape } from '../../shared/errors';
import type { PermissionProfile, ToolCallStatus } from '../../shared/tools';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import { decide } from './permission-gate';
import type { ToolContext } from './tool-definition';
import type { ToolRegistry } from './tool-registry';

export interface ToolCallRequest {
  name: string;
  input: unknown;
  ctx: ToolContext;
  profile: PermissionProfile;
  /** Asks the user; resolves true to run. Only called when the profile says `ask`. */
  approve: () => Promise<boolean>;
  onStatus?: (status: ToolCallStatus) => void;
}

type GateOutcome = { ok: true; output: unknown } | { ok: false; error: ErrorShape; status: 'failed' | 'denied' };
export type ToolCallOutcome = GateOutcome & { durationMs: number };

/** Fields that carry file text: the audit records their size and hash, never the text (it is append-only). */
const CONTENT_FIELDS = new Set(['content', 'search', 'replace']);

const fingerprint = (text: string) => `<${text.length} chars, sha256 ${createHash('sha256').update(text).digest('hex').slice(0, 12)}>`;

/** Keeps the audit trail readable and free of file contents: paths stay, text becomes its size and hash. */
function summarize(input: unknown, key = ''): unknown {
  if (typeof input === 'string') return CONTENT_FIELDS.has(key) || input.length > 200 ? fingerprint(input) : input;
  if (Array.isArray(input)) return input.slice(0, 20).map((item) => summarize(item));
  if (input && typeof input === 'object') return Object.fromEntries(Object.entries(input).slice(0, 20).map(([k, v]) => [k, summarize(v, k)]));
  return input;
}

/**
 * The one way a tool runs, whoever asks (agent, CLI, UI): validate the input, pass the permission gate
 * under the profile, ask when it says so, run, and audit the outcome — denied and failed calls included.
 */
export class ToolRunner {
  constructor(
    private readonly registry: ToolRegistry,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
  ) {}

  async call(request: ToolCallRequest): Promise<ToolCallOutcome> {
    const started = performance.now();
    const outcome = await this.gateAndRun(request);
    const durationMs = performance.now() - started;
    const result: ToolCallOutcome = { ...outcome, durationMs };
    const tool = this.registry.get(request.name);
    const entry = this.audit.append({
      actor: request.ctx.actor,
      action: 'tool.call',
      target: request.name,
      detail: {
        risk: tool?.risk ?? null,
        status: result.ok ? 'done' : result.status,
        profile: request.profile,
        taskId: request.ctx.taskId,
        input: summarize(request.input),
        durationMs: Math.round(durationMs),
        ...(result.ok ? {} : { error: result.error.code }),
      },
    });
    this.events.emit('audit.appended', entry);
    return result;
  }

  private async gateAndRun({ name, input, ctx, profile, approve, onStatus }: ToolCallRequest): Promise<GateOutcome> {
    const tool = this.registry.get(name);
    if (!tool) return failed(new AuraError('NOT_FOUND', `There is no tool named "${String(name).slice(0, 80)}".`, 'List the tools with `aura tools list`.'));
    const parsed = tool.inputSchema.safeParse(input);
    if (!parsed.success) return failed(new AuraError('INVALID_INPUT', `Invalid input for ${name}: ${describeIssues(parsed.error)}.`));
    let decision = decide(profile, tool.risk);
    if (decision === 'deny') return denied(`The ${profile} profile does not allow ${tool.risk} tools such as ${name}.`);
    const askReason = decision === 'allow' && tool.askFirst ? await tool.askFirst() : null;
    if (askReason) decision = 'ask';
    if (decision === 'ask') {
      // What the user decides on is ready before the question shows; a preview that fails still asks.
      await tool.beforeApproval?.(parsed.data, ctx).catch(() => undefined);
      // Ask first, then announce: whoever answers on seeing the status must find the question open.
      const answered = approve();
      onStatus?.('waiting_approval');
      if (!(await answered)) return denied(ctx.signal.aborted ? 'The task stopped before this call was approved.' : `${name} was not approved.${askReason ? ` ${askReason}` : ''}`);
    }
    if (ctx.signal.aborted) return failed(new AuraError('IO_ERROR', 'The task stopped before this call ran.'));
    onStatus?.('running');
    // Recording that the call runs can find the task stopped or taken over meanwhile: then it must not run.
    if (ctx.signal.aborted) return failed(new AuraError('IO_ERROR', 'The task stopped before this call ran.'));
    try {
      return { ok: true, output: await tool.run(parsed.data, ctx) };
    } catch (err) {
      return failed(err instanceof AuraError ? err : new AuraError('IO_ERROR', `${name} failed: ${err instanceof Error ? err.message.slice(0, 300) : 'unknown error'}.`));
    }
  }
}

const failed = (err: AuraError) => ({ ok: false as const, error: err.toShape(), status: 'failed' as const });
const denied = (message: string) => ({ ok: false as const, error: { code: 'FORBIDDEN' as const, message }, status: 'denied' as const });
