import { APICallError, Output, stepCountIs, streamText, type LanguageModel, type ModelMessage, type ToolSet } from 'ai';
import type { z } from 'zod';
import { AuraError } from '../../shared/errors';
import type { ModelRef, ModelRole } from '../../shared/providers';
import type { FinishReason, ModelCallRecord } from '../../shared/tasks';
import { structuredMode } from '../providers/capabilities';
import type { AttemptControl, ModelRouter } from '../providers/model-router';
import { describeFailure, failureCode, failureReply } from '../providers/model-errors';
import { costUsd } from '../providers/pricing';
import { RedactingStream } from '../secrets/redacting-stream';
import { capRedacted } from '../secrets/secret-values';
import type { TaskStore } from '../tasks/task-store';
import type { ImageReader } from './image-reader';
import { withImages } from './vision-input';

export interface TurnRequest {
  taskId: string;
  stepId: string | null;
  role: ModelRole;
  refs: ModelRef[];
  system: string;
  messages: ModelMessage[];
  tools?: ToolSet;
  maxIterations?: number;
  maxTokens?: number;
  /** Ask for JSON matching this schema, through the provider's own structured output where it has one. */
  output?: { schema: z.ZodType; name: string };
  /**
   * Called before each model call of a tool loop with the conversation so far; returns a shorter one to
   * send instead (older turns compacted), or null to send it as it is.
   */
  prepareMessages?: (messages: ModelMessage[], ref: ModelRef, model: LanguageModel) => Promise<ModelMessage[] | null>;
  /** A tool call the SDK refused before it reached a tool: unknown name or arguments outside the schema. */
  onToolError?: (call: { toolName: string; input: unknown; error: unknown }) => void;
  /** Reads the images tools returned, for models that see them (vision-input.ts); without it they get the paths. */
  images?: ImageReader;
}

export type ModelCall = Omit<ModelCallRecord, 'id' | 'createdAt'>;

export interface TurnResult {
  text: string;
  /** The successful call, for the caller to store together with what it produced. */
  call: ModelCall;
  finishReason: FinishReason;
  /** The tool loop ended on its iteration bound while the model still wanted to call tools. */
  exhausted: boolean;
}

/** Tasks told already that a model of theirs reads no images: said once per task and model. */
const toldTextOnly = new Set<string>();

/** Records on the task, once, that its model got images as their paths only. */
function noteTextOnly(store: TaskStore, taskId: string, stepId: string | null, ref: ModelRef): void {
  const key = `${taskId} ${ref.provider}/${ref.model}`;
  if (toldTextOnly.has(key)) return;
  if (toldTextOnly.size > 10_000) toldTextOnly.clear();
  toldTextOnly.add(key);
  store.addMessage(taskId, stepId, 'system', `${ref.model} cannot see images, so it was given each screenshot's path and size (and a page's text) only. Pick a vision model on the Providers page for it to see the screen.`);
}

/** Servers that refused `response_format` (or its equivalent) once are asked in the prompt from then on. */
const promptOnly = new Set<string>();
const refKey = (ref: ModelRef) => JSON.stringify([ref.provider, ref.model, ref.baseUrl ?? null, ref.preset ?? null]);
const REJECTED_FORMAT = /response_format|json_schema|response_schema|responseschema|structured output|output_format|not supported|unsupported|unknown (field|parameter)|extra (fields|inputs)/i;

/** A 400/422 that names the structured-output request itself: the server does not speak it. */
function refusedStructuredOutput(err: unknown): boolean {
  return APICallError.isInstance(err) && (err.statusCode === 400 || err.statusCode === 422) && REJECTED_FORMAT.test(`${err.message} ${err.responseBody ?? ''}`);
}

/**
 * Whether the tool loop may call the model again: not once the account's monthly budget is spent, counting
 * this turn's calls so far, which are recorded only when it ends.
 */
function accountSpent(router: ModelRouter, ref: ModelRef, steps: readonly { usage: { inputTokens?: number; outputTokens?: number } }[]): AuraError | null {
  if (!ref.account) return null;
  const tokens = { inputTokens: 0, outputTokens: 0 };
  for (const { usage } of steps) {
    tokens.inputTokens += usage.inputTokens ?? 0;
    tokens.outputTokens += usage.outputTokens ?? 0;
  }
  return router.budgetSpent(ref, costUsd(ref, tokens) ?? 0);
}

/**
 * One streamed model turn (with its tool loop, if tools are given) through the router: tokens are
 * pushed as they arrive, and every attempt, failed or not, is recorded with its usage, cost, finish
 * reason and, when it failed, the cause and what the provider sent back.
 */
export async function runModelTurn(store: TaskStore, router: ModelRouter, request: TurnRequest, signal: AbortSignal): Promise<TurnResult> {
  const { taskId, stepId, role } = request;
  // The budget covers the whole turn: a retry or a fallback model does not get a fresh one.
  let spentBefore = 0;
  const maxIterations = request.maxIterations ?? 1;
  const once = async (model: LanguageModel, ref: ModelRef, control: AttemptControl, native: boolean): Promise<TurnResult> => {
    const started = Date.now();
    let overBudget: AuraError | null = null;
    let spent = { inputTokens: 0, outputTokens: 0 };
    const running = new Set<string>();
    // The account's budget ends the loop as the step's token budget does: kept as the reason it stopped.
    const budgetSpent = (steps: Parameters<typeof accountSpent>[2]): boolean => {
      overBudget ??= accountSpent(router, ref, steps);
      return overBudget !== null;
    };
    let toolsRan = false;
    let text = '';
    // Tokens are redacted as one stream: a key the model repeats arrives cut into many deltas.
    const streamed = new RedactingStream();
    const pushTokens = (delta: string) => {
      if (delta) store.emitToken({ taskId, stepId, role, delta });
    };
    try {
      const result = streamText({
        model,
        system: request.system,
        messages: request.messages,
        tools: request.tools,
        ...(native && request.output ? { output: Output.object({ schema: request.output.schema, name: request.output.name }) } : {}),
        stopWhen: [stepCountIs(maxIterations), ({ steps }) => steps.length < maxIterations && budgetSpent(steps)],
        abortSignal: control.signal,
        // The router owns retries and fallbacks; the SDK must not retry on its own as well.
        maxRetries: 0,
        // Errors arrive as stream parts and are handled there; the SDK's default would print them.
        onError: () => {},
        ...(request.prepareMessages || request.images
          ? {
              prepareStep: async ({ messages }: { messages: ModelMessage[] }) => {
                const shorter = (await request.prepareMessages?.(messages, ref, model)) ?? null;
                if (!request.images) return shorter ? { messages: shorter } : undefined;
                // Images are put in last, after compaction, so the compactor only ever weighs their paths.
                const shown = await withImages(shorter ?? messages, ref, request.images);
                if (shown.withheld) noteTextOnly(store, taskId, stepId, ref);
                return shown.messages !== messages ? { messages: shown.messages } : undefined;
              },
            }
          : {}),
        onStepFinish: ({ usage }) => {
          spent = { inputTokens: spent.inputTokens + (usage.inputTokens ?? 0), outputTokens: spent.outputTokens + (usage.outputTokens ?? 0) };
          if (request.maxTokens && spentBefore + spent.inputTokens + spent.outputTokens > request.maxTokens) {
            overBudget = new AuraError('BUDGET_EXCEEDED', `The step used more than its budget of ${request.maxTokens} tokens.`, 'Resume the task to try the step again, or split the goal into smaller tasks.');
            control.abort(overBudget);
          }
        },
      });
      for await (const part of result.fullStream) {
        control.alive();
        if (part.type === 'text-delta' && part.text) {
          text += part.text;
          pushTokens(streamed.push(part.text));
        }
        // A call the SDK refused (unknown tool, arguments outside the schema) never runs; the model is told why.
        else if (part.type === 'tool-call' && part.invalid) request.onToolError?.({ toolName: part.toolName, input: part.input, error: part.error });
        // A running tool (or one waiting for the user) is not the provider going quiet.
        else if (part.type === 'tool-call') {
          running.add(part.toolCallId);
          toolsRan = true;
          control.pause();
        } else if ((part.type === 'tool-result' || part.type === 'tool-error') && running.delete(part.toolCallId)) control.resume();
        else if (part.type === 'error') throw part.error;
      }
      pushTokens(streamed.release());
      if (overBudget) throw overBudget;
      // An aborted stream ends quietly (an `abort` part, finish reason `other`): what stopped it is the error.
      if (control.signal.aborted) throw control.signal.reason;
      const [finalText, usage, finishReason, steps] = await Promise.all([result.text, result.totalUsage, result.finishReason, result.steps]);
      const tokens = { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
      const exhausted = finishReason === 'tool-calls' && steps.length >= maxIterations;
      return {
        text: finalText,
        finishReason,
        exhausted,
        call: { taskId, role, provider: ref.provider, model: ref.model, accountId: ref.account ?? null, ok: true, error: null, errorCode: null, finishReason, rawReply: null, ...tokens, costUsd: costUsd(ref, tokens), durationMs: Date.now() - started },
      };
    } catch (err) {
      spentBefore += spent.inputTokens + spent.outputTokens;
      const cause = overBudget ?? err;
      store.addModelCall({
        taskId,
        role,
        provider: ref.provider,
        model: ref.model,
        accountId: ref.account ?? null,
        ok: false,
        error: describeFailure(cause),
        errorCode: failureCode(cause),
        finishReason: null,
        rawReply: failureReply(cause) ?? (text ? capRedacted(text, 8000) : null),
        ...spent,
        costUsd: costUsd(ref, spent),
        durationMs: Date.now() - started,
      });
      if (overBudget) throw overBudget;
      // Retrying the turn would run its tools again (an edit applied twice, a second approval): stop the
      // step instead, with the calls that did run on record, and let the user resume it.
      if (toolsRan && !signal.aborted) throw new AuraError(failureCode(err), `The model stopped answering after tools had run (${describeFailure(err)}).`, 'Resume the task to run the step again.');
      throw err;
    }
  };
  const attempt = async (model: LanguageModel, ref: ModelRef, control: AttemptControl): Promise<TurnResult> => {
    const native = request.output !== undefined && structuredMode(ref) === 'native' && !promptOnly.has(refKey(ref));
    try {
      return await once(model, ref, control, native);
    } catch (err) {
      if (!native || !refusedStructuredOutput(err)) throw err;
      // This server does not take the structured-output request: ask in the prompt, now and from now on.
      promptOnly.add(refKey(ref));
      return once(model, ref, control, false);
    }
  };
  const needs = request.tools ? { tools: true } : {};
  return (await router.run(role, request.refs, needs, attempt, signal)).result;
}
