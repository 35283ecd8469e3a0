import type { JSONSchema7 } from 'ai';
import type { ChatHistoryItem, ChatModelFunctions, GenerateResponseOptions } from './llama-api';
import { toChatHistory } from './prompt-to-history';
import { toChatFunctions } from './tool-schema';
import type { CallOptions, FunctionTool, Warning } from './v3-types';

type Sampling = Pick<GenerateResponseOptions, 'maxTokens' | 'temperature' | 'topK' | 'topP' | 'seed' | 'repeatPenalty' | 'customStopTriggers'>;

/** Everything a call needs from its options, worked out before any model work starts. */
export interface CallPlan {
  history: ChatHistoryItem[];
  /** Undefined when no tool may be called: node-llama-cpp then generates plain text. */
  functions: ChatModelFunctions | undefined;
  /** Each offered tool's input schema, to clean the arguments of its calls. */
  inputSchemas: Map<string, JSONSchema7>;
  sampling: Sampling;
  warnings: Warning[];
}

/** Turns the AI SDK's call options into node-llama-cpp's terms, with a warning for what has none. */
export function planCall(options: CallOptions): CallPlan {
  const { history, warnings } = toChatHistory(options.prompt);

  const tools: FunctionTool[] = [];
  for (const tool of options.tools ?? []) {
    if (tool.type === 'function') tools.push(tool);
    else warnings.push({ type: 'unsupported', feature: `provider tool ${tool.name}` });
  }
  const choice = options.toolChoice ?? { type: 'auto' };
  let offered = choice.type === 'none' ? [] : tools;
  if (choice.type === 'tool') offered = tools.filter((tool) => tool.name === choice.toolName);
  if (offered.length > 0 && (choice.type === 'required' || choice.type === 'tool')) {
    // node-llama-cpp can constrain a call once the model starts one, but cannot make it start one.
    warnings.push({ type: 'unsupported', feature: `toolChoice ${choice.type}`, details: 'The tools are offered; the model may still answer in text.' });
  }
  if (options.responseFormat?.type === 'json') {
    warnings.push({ type: 'unsupported', feature: 'responseFormat json', details: 'The model is asked in the prompt only; its text is not constrained to JSON.' });
  }

  const sampling: Sampling = {};
  if (options.maxOutputTokens !== undefined) sampling.maxTokens = options.maxOutputTokens;
  if (options.temperature !== undefined) sampling.temperature = options.temperature;
  if (options.topK !== undefined) sampling.topK = options.topK;
  if (options.topP !== undefined) sampling.topP = options.topP;
  if (options.seed !== undefined) sampling.seed = options.seed;
  if (options.stopSequences?.length) sampling.customStopTriggers = options.stopSequences;
  if (options.presencePenalty !== undefined || options.frequencyPenalty !== undefined) {
    sampling.repeatPenalty = {
      ...(options.presencePenalty !== undefined ? { presencePenalty: options.presencePenalty } : {}),
      ...(options.frequencyPenalty !== undefined ? { frequencyPenalty: options.frequencyPenalty } : {}),
    };
  }

  return {
    history,
    functions: offered.length > 0 ? toChatFunctions(offered) : undefined,
    inputSchemas: new Map(offered.map((tool) => [tool.name, tool.inputSchema])),
    sampling,
    warnings,
  };
}
