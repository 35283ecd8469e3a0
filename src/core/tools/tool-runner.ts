import { createHash } from 'node:crypto';
import { AuraError, describeIssues, type ErrorShape } from '../../shared/errors';
import { ApprovalPreview, type BuiltinProfileId, type PermissionProfileDoc } from '../../shared/permissions';
import type { ToolCallStatus } from '../../shared/tools';
import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../events/event-bus';
import { builtinProfile } from '../permissions/builtin-profiles';
import { decide, searchFilter } from '../permissions/permission-gate';
import type { ToolContext, ToolDefinition } from './tool-definition';
import type { ToolRegistry } from './tool-registry';

export interface ToolCallRequest {
  name: string;
  input: unknown;
  ctx: ToolContext;
  /** The profile that decides: a task's, or a built-in one by id (`yes` for `aura tools call --yes`). */
  profile: PermissionProfileDoc | BuiltinProfileId;
  /** The user allowed this tool for the rest of the task: a call the profile would ask about runs. */
  granted?: boolean;
  /**
   * Asks the user, showing `preview`; resolves true (or `{approved: true}`) to run. A refusal may carry the
   * user's note, which the caller (the model) is told. Only called when the call must ask.
   */
  approve: (preview: ApprovalPreview) => Promise<ApprovalReply>;
  onStatus?: (status: ToolCallStatus) => void;
}

export type ApprovalReply = boolean | { approved: boolean; note?: string | undefined };

/** How long a tool may take to prepare what its question shows; past it, the question shows without it. */
const PREVIEW_TIMEOUT_MS = 10_000;

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
        profile: typeof request.profile === 'string' ? request.profile : request.profile.id,
        taskId: request.ctx.taskId,
        input: summarize(request.input),
        durationMs: Math.round(durationMs),
        ...(result.ok ? {} : { error: result.error.code }),
      },
    });
    this.events.emit('audit.appended', entry);
    return result;
  }

  private async gateAndRun({ name, input, ctx, profile: given, granted, approve, onStatus }: ToolCallRequest): Promise<GateOutcome> {
    const tool = this.registry.get(name);
    if (!tool) return failed(new AuraError('NOT_FOUND', `There is no tool named "${String(name).slice(0, 80)}".`, 'List the tools with `aura tools list`.'));
    const parsed = tool.inputSchema.safeParse(input);
    if (!parsed.success) return failed(new AuraError('INVALID_INPUT', `Invalid input for ${name}: ${describeIssues(parsed.error)}.`));
    const profile = typeof given === 'string' ? builtinProfile(given) : given;
    const verdict = decide(profile, tool, parsed.data, ctx.roots);
    let { decision } = verdict;
    if (decision === 'deny') return denied(`${name} is not allowed here: ${verdict.reason}.`);
    if (decision === 'ask' && granted) decision = 'allow';
    // SECURITY: fail-closed asks (the shell where no sandbox exists) stand under every profile and grant.
    const askReason = decision === 'allow' && tool.askFirst ? await tool.askFirst() : null;
    if (askReason) decision = 'ask';
    if (decision === 'ask') {
      // What the user decides on is ready before the question shows; a preview that fails still asks.
      const [preview] = await Promise.all([previewOf(tool, parsed.data, ctx), tool.beforeApproval?.(parsed.data, ctx).catch(() => undefined)]);
      // Ask first, then announce: whoever answers on seeing the status must find the question open.
      const answered = approve(preview);
      onStatus?.('waiting_approval');
      const reply = await answered;
      const answer = typeof reply === 'boolean' ? { approved: reply } : reply;
      if (!answer.approved) {
        if (ctx.signal.aborted) return denied('The task stopped before this call was approved.');
        // The model reads this: the user's own words, so it can do what they asked instead.
        if (answer.note) return denied(`The user refused ${name}, with this note: ${answer.note}`);
        return denied(`${name} was not approved.${askReason ? ` ${askReason}` : ''}`);
      }
    }
    if (ctx.signal.aborted) return failed(new AuraError('IO_ERROR', 'The task stopped before this call ran.'));
    onStatus?.('running');
    // Recording that the call runs can find the task stopped or taken over meanwhile: then it must not run.
    if (ctx.signal.aborted) return failed(new AuraError('IO_ERROR', 'The task stopped before this call ran.'));
    try {
      // Always the runner's own: no caller's context decides what a search may show.
      const searchable = searchFilter(profile, ctx.roots) ?? showAll;
      return { ok: true, output: await tool.run(parsed.data, { ...ctx, searchable }) };
    } catch (err) {
      return failed(err instanceof AuraError ? err : new AuraError('IO_ERROR', `${name} failed: ${err instanceof Error ? err.message.slice(0, 300) : 'unknown error'}.`));
    }
  }
}

const showAll = () => true;

/** The tool's preview, bounded in time and checked against the schema; never throws (none: no preview). */
async function previewOf(tool: ToolDefinition, input: unknown, ctx: ToolContext): Promise<ApprovalPreview> {
  if (!tool.preview) return { kind: 'none' };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PREVIEW_TIMEOUT_MS);
  });
  try {
    const made = await Promise.race([tool.preview(input, ctx).catch(() => undefined), timeout]);
    const parsed = ApprovalPreview.safeParse(made);
    return parsed.success ? parsed.data : { kind: 'none' };
  } catch {
    return { kind: 'none' };
  } finally {
    clearTimeout(timer);
  }
}

const failed = (err: AuraError) => ({ ok: false as const, error: err.toShape(), status: 'failed' as const });
const denied = (message: string) => ({ ok: false as const, error: { code: 'FORBIDDEN' as const, message }, status: 'denied' as const });
