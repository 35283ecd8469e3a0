import { AbsentNullFilter } from './absent-null-filter';
import type { CallPlan } from './call-plan';
import { toFinishReason, toUsage } from './finish';
import type { LlamaGrammar, LlamaModel, NodeLlamaCpp } from './llama-api';
import { THREADS } from './model-cache';
import { dropAbsentOptionals } from './tool-schema';
import type { ModelFinishReason, ModelUsage } from '../../shared/model-worker';

/**
 * The largest context a call asks for. node-llama-cpp sizes it down to what memory allows and to the
 * model's training length; a context is made per call, so a bigger one costs memory on every call.
 */
const MAX_CONTEXT_TOKENS = 8192;

/** What a generation reports as it goes; tool calls are numbered in the order the model makes them. */
export interface ChatEvents {
  text(delta: string): void;
  reasoning(delta: string): void;
  toolInputStart(index: number, toolName: string): void;
  toolInputDelta(index: number, delta: string): void;
  toolInputEnd(index: number): void;
}

/** How a generation ended: its tool calls, why it stopped, and the tokens it used. */
export interface ChatOutcome {
  /** The calls the model made, for the AI SDK to run: input is the arguments as a JSON string. */
  toolCalls: { toolName: string; input: string }[];
  finishReason: ModelFinishReason;
  usage: ModelUsage;
}

/**
 * One generation in a context of its own, disposed afterwards. With tools on offer node-llama-cpp
 * stops at the model's function calls (stopReason 'functionCalls') and returns them unrun: the
 * functions it is given have no handlers, so running them is left to the AI SDK. With a grammar (a
 * JSON answer, see outputGrammar) the text follows it, less the nulls it forced for absent optional
 * properties of the schema asked for.
 */
export async function runChat(
  lib: NodeLlamaCpp,
  model: LlamaModel,
  plan: CallPlan,
  grammar: LlamaGrammar | undefined,
  signal: AbortSignal | undefined,
  events: ChatEvents,
): Promise<ChatOutcome> {
  signal?.throwIfAborted();
  const context = await model.createContext({ threads: THREADS, contextSize: { max: MAX_CONTEXT_TOKENS } });
  try {
    const sequence = context.getSequence();
    const chat = new lib.LlamaChat({ contextSequence: sequence, chatWrapper: 'auto' });
    let reasoningTokens = 0;
    const filter = grammar && plan.output?.schema ? new AbsentNullFilter(plan.output.schema) : undefined;
    const text = (delta: string) => {
      const kept = filter ? filter.push(delta) : delta;
      if (kept) events.text(kept);
    };
    const started = new Set<number>();
    const ended = new Set<number>();
    const start = (index: number, toolName: string) => {
      if (started.has(index)) return;
      started.add(index);
      events.toolInputStart(index, toolName);
    };
    const end = (index: number) => {
      if (ended.has(index)) return;
      ended.add(index);
      events.toolInputEnd(index);
    };
    try {
      const result = await chat.generateResponse(plan.history, {
        ...plan.sampling,
        ...(signal ? { signal } : {}),
        ...(plan.functions ? { functions: plan.functions } : {}),
        ...(grammar ? { grammar } : {}),
        onResponseChunk(chunk) {
          if (chunk.type === 'segment') {
            reasoningTokens += chunk.tokens.length;
            if (chunk.text) events.reasoning(chunk.text);
          } else if (chunk.text) text(chunk.text);
        },
        onFunctionCallParamsChunk(chunk) {
          start(chunk.callIndex, chunk.functionName);
          if (chunk.paramsChunk) events.toolInputDelta(chunk.callIndex, chunk.paramsChunk);
          if (chunk.done) end(chunk.callIndex);
        },
      });
      const rest = filter?.end();
      if (rest) events.text(rest);
      const toolCalls = (result.functionCalls ?? []).map((call, index) => {
        // Every call gets its start and end even when node-llama-cpp streamed none of its arguments.
        start(index, call.functionName);
        end(index);
        const schema = plan.inputSchemas.get(call.functionName);
        const input = schema ? dropAbsentOptionals(call.params ?? {}, schema, schema) : (call.params ?? {});
        return { toolName: call.functionName, input: JSON.stringify(input) };
      });
      return { toolCalls, finishReason: toFinishReason(result.metadata.stopReason), usage: toUsage(sequence.tokenMeter, reasoningTokens) };
    } finally {
      chat.dispose();
    }
  } finally {
    await context.dispose();
  }
}
