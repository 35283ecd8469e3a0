import type { LanguageModel } from 'ai';

// The AI SDK provider specification's types, derived from the `ai` package we depend on rather than
// imported from @ai-sdk/provider, which is only a transitive dependency here. Types only: the host's
// local-model provider and the model worker both speak them.

/** The AI SDK's provider interface, version 3. */
export type LanguageModelV3 = Extract<LanguageModel, { specificationVersion: 'v3' }>;
export type CallOptions = Parameters<LanguageModelV3['doGenerate']>[0];
export type GenerateResult = Awaited<ReturnType<LanguageModelV3['doGenerate']>>;
export type StreamResult = Awaited<ReturnType<LanguageModelV3['doStream']>>;
export type StreamPart = StreamResult['stream'] extends ReadableStream<infer Part> ? Part : never;
export type Prompt = CallOptions['prompt'];
export type FunctionTool = Extract<NonNullable<CallOptions['tools']>[number], { type: 'function' }>;
export type ToolResultOutput = Extract<Extract<Prompt[number], { role: 'tool' }>['content'][number], { type: 'tool-result' }>['output'];
export type Content = GenerateResult['content'][number];
export type Warning = GenerateResult['warnings'][number];
