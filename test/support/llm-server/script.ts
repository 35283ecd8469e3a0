import { z } from 'zod';

// The script a test hands the scripted LLM server: one turn per model call, served in order.
// Objects are strict so a misspelt key in a fixture fails loudly instead of becoming a text turn.

/** Token counts reported to the client; computed from the request and the reply when absent. */
export const TurnUsage = z.strictObject({ input: z.number().int().nonnegative(), output: z.number().int().nonnegative() });
export type TurnUsage = z.infer<typeof TurnUsage>;

/** Serve this turn only to requests for this model; untagged turns go to any model. */
const model = z.string().min(1).optional();
/** Characters per streamed delta (text and tool arguments alike). */
const chunkSize = z.number().int().positive().optional();
/** Pause between streamed chunks; for a non-streamed reply, one pause before it. */
const delayMs = z.number().int().nonnegative().optional();
/**
 * Why the model stopped, when not of its own accord: it ran out of output tokens, or a filter cut it off.
 * Each wire format spells it its own way (OpenAI `length` / `content_filter`, Anthropic `max_tokens` /
 * `refusal`, Gemini `MAX_TOKENS` / `SAFETY`); absent, the reply ends normally (or with tool calls).
 */
export const FinishReason = z.enum(['length', 'content_filter']);
export type FinishReason = z.infer<typeof FinishReason>;
const finishReason = FinishReason.optional();

/** The model answers with text. */
export const TextTurn = z.strictObject({ text: z.string(), chunkSize, delayMs, usage: TurnUsage.optional(), model, finishReason });

/** The model calls tools (optionally after some text); ids are generated (`call_1`, `toolu_1`). */
export const ToolCallsTurn = z.strictObject({
  toolCalls: z.array(z.strictObject({ name: z.string().min(1), args: z.unknown() })).min(1),
  text: z.string().optional(),
  chunkSize,
  delayMs,
  usage: TurnUsage.optional(),
  model,
  finishReason,
});

/**
 * A model that answers JSON only when the request asks for it through the API's own structured-output
 * mechanism: then the reply is `JSON.stringify(structured)` in that API's native way (the text, or the
 * input of the forced `json` tool for Anthropic's tool mode); otherwise it is the prose `otherwise`.
 * What counts as asking natively, per wire format, is `structuredAsk` in each `*-format.ts`.
 */
export const StructuredTurn = z.strictObject({
  structured: z.json(),
  otherwise: z.string().optional(),
  chunkSize,
  delayMs,
  usage: TurnUsage.optional(),
  model,
  finishReason,
});

/** HTTP statuses a turn may fail with; 401 and 529 (Anthropic's "overloaded") besides the common ones. */
export const ErrorStatus = z.union([z.literal(400), z.literal(401), z.literal(429), z.literal(500), z.literal(503), z.literal(529)]);
export type ErrorStatus = z.infer<typeof ErrorStatus>;

/** The provider refuses the call with this status, in its own error body. */
export const ErrorTurn = z.strictObject({
  error: z.strictObject({ status: ErrorStatus, message: z.string().optional(), retryAfterSeconds: z.number().nonnegative().optional() }),
  model,
});

/** A 200 whose body (or first stream event) is cut-off JSON. */
export const MalformedTurn = z.strictObject({ malformed: z.literal(true), model });

/** Headers are sent, then nothing, until the client gives up or the server closes. */
export const StallTurn = z.strictObject({ stall: z.literal(true), model });

/** One scripted model call. */
export const Turn = z.union([TextTurn, ToolCallsTurn, StructuredTurn, ErrorTurn, MalformedTurn, StallTurn]);
export type Turn = z.infer<typeof Turn>;
export type TextTurn = z.infer<typeof TextTurn>;
export type ToolCallsTurn = z.infer<typeof ToolCallsTurn>;
export type StructuredTurn = z.infer<typeof StructuredTurn>;

/** A fixture file: the turns in the order they will be served. */
export const Script = z.array(Turn);

/** Body of `POST /__script`, the control endpoint another process uses to feed turns. */
export const ScriptRequest = z.strictObject({ turns: Script });
