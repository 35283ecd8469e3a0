import { stepCountIs, streamText, type LanguageModel, type ModelMessage, type ToolSet } from 'ai';
import { AuraError } from '../../shared/errors';
import type { ModelRef, ModelRole } from '../../shared/providers';
import type { AttemptControl, ModelRouter } from '../providers/model-router';
import { describeFailure } from '../providers/model-errors';
import { costUsd } from '../providers/pricing';
import type { TaskStore } from '../tasks/task-store';
import type { ModelCallRecord } from '../../shared/tasks';

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
  /** A tool call the SDK refused before it reached a tool: unknown name or arguments outside the schema. */
  onToolError?: (call: { toolName: string; input: unknown; error: unknown }) => void;
}

export type ModelCall = Omit<ModelCallRecord, 'id' | 'createdAt'>;

export interface TurnResult {
  text: string;
  /** The successful call, for the caller to store together with what it produced. */
  call: ModelCall;
}

/**
 * One streamed model turn (with its tool loop, if tools are given) through the router: tokens are
 * pushed as they arrive, and every attempt, failed or not, is recorded with its usage and cost.
 */
export async function runModelTurn(store: TaskStore, router: ModelRouter, request: TurnRequest, signal: AbortSignal): Promise<TurnResult> {
  const { taskId, stepId, role } = request;
  // The budget covers the whole turn: a retry or a fallback model does not get a fresh one.
  let spentBefore = 0;
  const attempt = async (model: LanguageModel, ref: ModelRef, control: AttemptControl): Promise<{ text: string; call: ModelCall }> => {
    const started = Date.now();
    let overBudget: AuraError | null = null;
    let spent = { inputTokens: 0, outputTokens: 0 };
    const running = new Set<string>();
    let toolsRan = false;
    try {
      const result = streamText({
        model,
        system: request.system,
        messages: request.messages,
        tools: request.tools,
        stopWhen: stepCountIs(request.maxIterations ?? 1),
        abortSignal: control.signal,
        // The router owns retries and fallbacks; the SDK must not retry on its own as well.
        maxRetries: 0,
        // Errors arrive as stream parts and are handled there; the SDK's default would print them.
        onError: () => {},
        onStepFinish: ({ usage }) => {
          spent = { inputTokens: spent.inputTokens + (usage.inputTokens ?? 0), outputTokens: spent.outputTokens + (usage.outputTokens ?? 0) };
          if (request.maxTokens && spentBefore + spent.inputTokens + spent.outputTokens > request.maxTokens) {
            overBudget = new AuraError('IO_ERROR', `The step used more than its budget of ${request.maxTokens} tokens.`, 'Resume the task to try the step again, or split the goal into smaller tasks.');
            control.abort(overBudget);
          }
        },
      });
      for await (const part of result.fullStream) {
        control.alive();
        if (part.type === 'text-delta' && part.text) store.emitToken({ taskId, stepId, role, delta: part.text });
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
      if (overBudget) throw overBudget;
      const [text, usage] = await Promise.all([result.text, result.totalUsage]);
      const tokens = { inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 };
      return { text, call: { taskId, role, provider: ref.provider, model: ref.model, ok: true, error: null, ...tokens, costUsd: costUsd(ref, tokens), durationMs: Date.now() - started } };
    } catch (err) {
      spentBefore += spent.inputTokens + spent.outputTokens;
      store.addModelCall({ taskId, role, provider: ref.provider, model: ref.model, ok: false, error: describeFailure(overBudget ?? err), ...spent, costUsd: costUsd(ref, spent), durationMs: Date.now() - started });
      if (overBudget) throw overBudget;
      // Retrying the turn would run its tools again (an edit applied twice, a second approval): stop the
      // step instead, with the calls that did run on record, and let the user resume it.
      if (toolsRan && !signal.aborted) throw new AuraError('IO_ERROR', `The model stopped answering after tools had run (${describeFailure(err)}).`, 'Resume the task to run the step again.');
      throw err;
    }
  };
  const needs = request.tools ? { tools: true } : {};
  return (await router.run(role, request.refs, needs, attempt, signal)).result;
}
