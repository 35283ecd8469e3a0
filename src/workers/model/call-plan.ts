import type { JSONSchema7 } from 'ai';
import type { ChatHistoryItem, ChatModelFunctions, GbnfJsonSchema, GenerateResponseOptions } from './llama-api';
import { toChatHistory } from './prompt-to-history';
import { toChatFunctions, toGbnfSchema } from './tool-schema';
import type { CallOptions, FunctionTool, Warning } from '../../shared/language-model-v3';

type Sampling = Pick<GenerateResponseOptions, 'maxTokens' | 'temperature' | 'topK' | 'topP' | 'seed' | 'repeatPenalty' | 'customStopTriggers'>;
type ResponseFormat = Extract<NonNullable<CallOptions['responseFormat']>, { type: 'json' }>;

/** JSON text asked for, and constrained to it by a grammar. */
export interface OutputPlan {
  /** The grammar's schema in node-llama-cpp's dialect: the schema asked for, or any JSON object. */
  grammar: GbnfJsonSchema;
  /** The schema asked for, to take out the nulls the grammar forced for its absent optional properties. */
  schema: JSONSchema7 | undefined;
}

/** What the grammar allows when no schema is given, and where the given one cannot be made a grammar. */
export const ANY_JSON_OBJECT: GbnfJsonSchema = { type: 'object', additionalProperties: true };

/** Everything a call needs from its options, worked out before any model work starts. */
export interface CallPlan {
  history: ChatHistoryItem[];
  /** Undefined when no tool may be called: node-llama-cpp then generates plain text. */
  functions: ChatModelFunctions | undefined;
  /** Each offered tool's input schema, to clean the arguments of its calls. */
  inputSchemas: Map<string, JSONSchema7>;
  /** Undefined for plain text: no JSON asked for, or tools on offer (node-llama-cpp cannot combine them with a grammar). */
  output: OutputPlan | undefined;
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
  const format = options.responseFormat?.type === 'json' ? options.responseFormat : undefined;
  const output = format ? planOutput(format, offered.length > 0, warnings) : undefined;
  if (format) withJsonInstruction(history, format);

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
    output,
    sampling,
    warnings,
  };
}

/**
 * The grammar for a JSON answer. node-llama-cpp takes either functions or a grammar in one generation:
 * with tools on offer the tools win, since a grammar would keep the model from ever calling them, and
 * the JSON is asked for in the prompt only (a step without tools gets the grammar). The grammar ends the
 * generation once the value is complete, but maxOutputTokens still applies: an answer that does not fit
 * is cut short (finish reason length) and is not valid JSON.
 */
function planOutput(format: ResponseFormat, toolsOffered: boolean, warnings: Warning[]): OutputPlan | undefined {
  if (toolsOffered) {
    warnings.push({
      type: 'unsupported',
      feature: 'responseFormat json with tools',
      details: 'A local model cannot be offered tools and held to a JSON grammar in one call: the tools are offered, and the JSON is asked for in the prompt only.',
    });
    return undefined;
  }
  if (!format.schema) return { grammar: ANY_JSON_OBJECT, schema: undefined };
  const unenforced = new Set<string>();
  const grammar = toGbnfSchema(format.schema, unenforced);
  if (unenforced.size > 0) {
    warnings.push({
      type: 'compatibility',
      feature: 'responseFormat schema',
      details: `The grammar holds the answer to the schema except for ${[...unenforced].join(', ')}, which it does not enforce.`,
    });
  }
  return { grammar, schema: format.schema };
}

/**
 * Says in the system prompt what JSON is expected, as the AI SDK does for providers without structured
 * output: the grammar holds the model to the schema's shape, but only the prompt tells it what the
 * fields mean.
 */
function withJsonInstruction(history: ChatHistoryItem[], format: ResponseFormat): void {
  const instruction = [
    ...(format.description ? [format.description] : []),
    ...(format.schema ? ['JSON schema:', JSON.stringify(format.schema), 'You MUST answer with JSON that matches the JSON schema above.'] : ['You MUST answer with a JSON object.']),
  ].join('\n');
  const first = history[0];
  if (first?.type === 'system') first.text = first.text ? `${first.text}\n\n${instruction}` : instruction;
  else history.unshift({ type: 'system', text: instruction });
}
