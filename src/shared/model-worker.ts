import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import type { ToolResultOutput } from './language-model-v3';
import type { WorkerMethods } from './worker-protocol';

/**
 * The local model worker (src/workers/model, built to dist/workers/model.js): node-llama-cpp, the loaded
 * models and every generation live there, so the host's main thread never runs inference. The host sends
 * a call's options as they are below and rebuilds the AI SDK stream from the parts it gets back.
 */
export const MODEL_WORKER = 'model';

/** A folder where node-llama-cpp was installed apart from the app (`npm install --prefix <folder> ...`). */
export const LIBRARY_DIR_VARIABLE = 'AURA_NODE_LLAMA_CPP_DIR';

/** node-llama-cpp's prebuilt CPU package for a machine (on Apple silicon it is the Metal build). */
export function nodeLlamaCppPrebuilt(platform: string, arch: string): string {
  const name = ({ darwin: 'mac', win32: 'win' } as Partial<Record<string, string>>)[platform] ?? platform;
  return `@node-llama-cpp/${name}-${arch}${name === 'mac' && arch === 'arm64' ? '-metal' : ''}@3`;
}

/**
 * What to do when node-llama-cpp is missing. Not `--omit=optional` in the app's own folder: npm would
 * also remove the optional platform binaries of the app's other packages; a folder of its own keeps the
 * lean install apart.
 */
export function localModelInstallHint(platform: string, arch: string): string {
  return (
    'Run `npm run local-llm:install` in the Aura Work folder (the ~85 MB CPU-only build), or install it anywhere with ' +
    `\`npm install --prefix <folder> --omit=optional node-llama-cpp@3 ${nodeLlamaCppPrebuilt(platform, arch)}\` and set ${LIBRARY_DIR_VARIABLE} to that folder.`
  );
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
// JSON Schema and tool outputs are checked for their shape only: the worker reads them as the AI SDK types.
const JsonSchemaObject = z.custom<JSONSchema7>(isObject, 'expected a JSON schema object');
const ToolOutput = z.custom<ToolResultOutput>((value) => isObject(value) && typeof value.type === 'string', 'expected a tool result output');

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
/** Local models read text only: a file goes over as its type and name, for the worker to warn about, without its bytes. */
const FilePart = z.object({ type: z.literal('file'), mediaType: z.string(), filename: z.string().optional(), data: z.literal('') });
const ReasoningPart = z.object({ type: z.literal('reasoning'), text: z.string() });
const ToolCallPart = z.object({ type: z.literal('tool-call'), toolCallId: z.string(), toolName: z.string(), input: z.unknown() });
const ToolResultPart = z.object({ type: z.literal('tool-result'), toolCallId: z.string(), toolName: z.string(), output: ToolOutput });

const Message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.array(z.discriminatedUnion('type', [TextPart, FilePart])) }),
  z.object({ role: z.literal('assistant'), content: z.array(z.discriminatedUnion('type', [TextPart, FilePart, ReasoningPart, ToolCallPart, ToolResultPart])) }),
  z.object({ role: z.literal('tool'), content: z.array(ToolResultPart) }),
]);

const Tool = z.discriminatedUnion('type', [
  z.object({ type: z.literal('function'), name: z.string(), description: z.string().optional(), inputSchema: JsonSchemaObject }),
  z.object({ type: z.literal('provider'), id: z.templateLiteral([z.string(), '.', z.string()]), name: z.string(), args: z.record(z.string(), z.unknown()) }),
]);

/** A call's options as the worker gets them: the AI SDK's, less the signal (a cancel message), headers and provider options. */
export const ModelCallOptions = z.object({
  prompt: z.array(Message),
  maxOutputTokens: z.number().optional(),
  temperature: z.number().optional(),
  stopSequences: z.array(z.string()).optional(),
  topP: z.number().optional(),
  topK: z.number().optional(),
  presencePenalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
  seed: z.number().optional(),
  responseFormat: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('text') }),
      z.object({ type: z.literal('json'), schema: JsonSchemaObject.optional(), name: z.string().optional(), description: z.string().optional() }),
    ])
    .optional(),
  tools: z.array(Tool).optional(),
  toolChoice: z
    .discriminatedUnion('type', [z.object({ type: z.literal('auto') }), z.object({ type: z.literal('none') }), z.object({ type: z.literal('required') }), z.object({ type: z.literal('tool'), toolName: z.string() })])
    .optional(),
});
export type ModelCallOptions = z.infer<typeof ModelCallOptions>;

const Warning = z.discriminatedUnion('type', [
  z.object({ type: z.literal('unsupported'), feature: z.string(), details: z.string().optional() }),
  z.object({ type: z.literal('compatibility'), feature: z.string(), details: z.string().optional() }),
  z.object({ type: z.literal('other'), message: z.string() }),
]);
const Tokens = z.number().int().nonnegative();
/** The tokens of one call; a local model knows every count. */
export const ModelUsage = z.object({
  inputTokens: z.object({ total: Tokens, noCache: Tokens, cacheRead: Tokens, cacheWrite: Tokens }),
  outputTokens: z.object({ total: Tokens, text: Tokens, reasoning: Tokens }),
});
export type ModelUsage = z.infer<typeof ModelUsage>;
/** Why the generation stopped, in the AI SDK's terms, with node-llama-cpp's own reason. */
export const ModelFinishReason = z.object({ unified: z.enum(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other']), raw: z.string() });
export type ModelFinishReason = z.infer<typeof ModelFinishReason>;

const Id = z.string().min(1).max(200);
/** The stream parts a generation reports as it goes: the AI SDK's, the few a local model makes. */
export const ModelStreamPart = z.discriminatedUnion('type', [
  // First, once the model is loaded and the call planned: what of the options the model cannot honour.
  z.object({ type: z.literal('stream-start'), warnings: z.array(Warning) }),
  z.object({ type: z.literal('text-start'), id: Id }),
  z.object({ type: z.literal('text-delta'), id: Id, delta: z.string() }),
  z.object({ type: z.literal('text-end'), id: Id }),
  z.object({ type: z.literal('reasoning-start'), id: Id }),
  z.object({ type: z.literal('reasoning-delta'), id: Id, delta: z.string() }),
  z.object({ type: z.literal('reasoning-end'), id: Id }),
  z.object({ type: z.literal('tool-input-start'), id: Id, toolName: z.string() }),
  z.object({ type: z.literal('tool-input-delta'), id: Id, delta: z.string() }),
  z.object({ type: z.literal('tool-input-end'), id: Id }),
  z.object({ type: z.literal('tool-call'), toolCallId: Id, toolName: z.string(), input: z.string() }),
  z.object({ type: z.literal('finish'), finishReason: ModelFinishReason, usage: ModelUsage }),
]);
export type ModelStreamPart = z.infer<typeof ModelStreamPart>;

export const ModelWorkerMethods = {
  /** Generates one answer, reporting it as stream parts; the result comes after the `finish` part. */
  generate: {
    params: z.object({
      /** The .gguf file, which the host checked exists. */
      modelPath: z.string().min(1),
      /** Where node-llama-cpp is installed, resolved by the host from the app's install; null: the worker's own node_modules. */
      libraryDir: z.string().min(1).nullable(),
      options: ModelCallOptions,
    }),
    result: z.null(),
    progress: ModelStreamPart,
  },
} satisfies WorkerMethods;
export type ModelWorkerMethods = typeof ModelWorkerMethods;
