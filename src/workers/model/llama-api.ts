// The part of node-llama-cpp v3's API this provider uses, written out as types: the package is not a
// dependency (it is installed on purpose, see library-loader.ts), so its own .d.ts is not there to import.
// Names and shapes follow node-llama-cpp 3.x (LlamaChat.generateResponse, ChatHistoryItem, GbnfJsonSchema,
// Llama.createGrammarForJsonSchema).

/** node-llama-cpp's JSON schema dialect for grammar-constrained output (GbnfJsonSchema). */
export type GbnfJsonSchema =
  | { type: GbnfBasicType | readonly GbnfBasicType[]; description?: string }
  | { type: 'string'; minLength?: number; maxLength?: number; description?: string }
  | { type: 'string'; format: 'date-time' | 'time' | 'date'; description?: string }
  | { const: string | number | boolean | null; description?: string }
  | { enum: readonly (string | number | boolean | null)[]; description?: string }
  | { oneOf: readonly GbnfJsonSchema[]; description?: string; $defs?: Record<string, GbnfJsonSchema> }
  | {
      type: 'object';
      properties?: Record<string, GbnfJsonSchema>;
      additionalProperties?: boolean | GbnfJsonSchema;
      minProperties?: number;
      maxProperties?: number;
      description?: string;
      $defs?: Record<string, GbnfJsonSchema>;
    }
  | {
      type: 'array';
      items?: GbnfJsonSchema;
      prefixItems?: readonly GbnfJsonSchema[];
      minItems?: number;
      maxItems?: number;
      description?: string;
      $defs?: Record<string, GbnfJsonSchema>;
    }
  | { $ref: `#/$defs/${string}`; description?: string; $defs?: Record<string, GbnfJsonSchema> };
type GbnfBasicType = 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface ChatModelFunctionCall {
  type: 'functionCall';
  name: string;
  description?: string;
  params: unknown;
  result: unknown;
}
export interface ChatModelSegment {
  type: 'segment';
  segmentType: 'thought' | 'comment';
  text: string;
  ended: boolean;
}
export type ChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: (string | ChatModelFunctionCall | ChatModelSegment)[] };

/** Functions the model may call; node-llama-cpp only describes them and constrains the call, it runs nothing. */
export type ChatModelFunctions = Record<string, { description?: string; params?: GbnfJsonSchema }>;

export interface ResponseChunk {
  /** undefined for the main response, 'segment' for thoughts and comments. */
  type: undefined | 'segment';
  segmentType: undefined | 'thought' | 'comment';
  text: string;
  tokens: readonly number[];
}
export interface FunctionCallParamsChunk {
  callIndex: number;
  functionName: string;
  paramsChunk: string;
  done: boolean;
}

export interface GenerateResponseOptions {
  onResponseChunk?: (chunk: ResponseChunk) => void;
  onFunctionCallParamsChunk?: (chunk: FunctionCallParamsChunk) => void;
  signal?: AbortSignal;
  stopOnAbortSignal?: boolean;
  maxTokens?: number;
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  repeatPenalty?: false | { frequencyPenalty?: number; presencePenalty?: number };
  customStopTriggers?: readonly string[];
  /** Not together with `functions`: node-llama-cpp refuses the two in one call. */
  grammar?: LlamaGrammar;
  functions?: ChatModelFunctions;
}

/**
 * A grammar the generated text must follow, parsed once when it is made. Each generation builds its own
 * evaluation state from it (LlamaGrammarEvaluationState), so one grammar can serve many calls, also at
 * the same time. It belongs to the Llama instance that made it and works with that instance's models.
 */
export interface LlamaGrammar {
  /** The GBNF text. */
  readonly grammar: string;
}

export type StopReason = 'eogToken' | 'stopGenerationTrigger' | 'functionCalls' | 'maxTokens' | 'abort' | 'customStopTrigger';

export interface ChatResponse {
  response: string;
  functionCalls?: { functionName: string; params: unknown }[];
  metadata: { stopReason: StopReason };
}

export interface LlamaChat {
  generateResponse(history: ChatHistoryItem[], options: GenerateResponseOptions): Promise<ChatResponse>;
  dispose(): void;
}
export interface LlamaContextSequence {
  readonly tokenMeter: { readonly usedInputTokens: number; readonly usedOutputTokens: number };
}
export interface LlamaContext {
  getSequence(): LlamaContextSequence;
  dispose(): Promise<void>;
}
export interface LlamaModel {
  /** The llama.cpp instance the model was loaded with, which makes grammars for it. */
  readonly llama: Llama;
  createContext(options: { threads?: number; contextSize?: 'auto' | number | { min?: number; max?: number } }): Promise<LlamaContext>;
  dispose(): Promise<void>;
}
export interface Llama {
  loadModel(options: { modelPath: string }): Promise<LlamaModel>;
  /**
   * A grammar for JSON text of this schema. It also stops the generation after four new lines following
   * the value and trims the whitespace at the end. Throws when the grammar cannot be parsed.
   */
  createGrammarForJsonSchema(schema: GbnfJsonSchema): Promise<LlamaGrammar>;
  dispose(): Promise<void>;
}

/** The module itself, as `import('node-llama-cpp')` returns it. */
export interface NodeLlamaCpp {
  getLlama(options: { gpu?: 'auto' | false; build?: 'never'; maxThreads?: number; logLevel?: 'error' | 'warn' }): Promise<Llama>;
  LlamaChat: new (options: { contextSequence: LlamaContextSequence; chatWrapper?: 'auto' }) => LlamaChat;
}
