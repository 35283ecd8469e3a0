import type { ErrorStatus, FinishReason, TurnUsage } from './script';

/** A tool call as it goes on the wire: its generated id and JSON-encoded arguments. */
export interface WireToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A successful turn, resolved for one request and independent of the wire format. */
export interface Answer {
  id: string;
  model: string;
  /** Unix seconds, as both APIs report it. */
  created: number;
  text: string | undefined;
  toolCalls: WireToolCall[];
  chunkSize: number;
  usage: TurnUsage;
  /** Set when the turn scripts an abnormal stop; otherwise the format's own "done" (or "tool calls"). */
  finishReason: FinishReason | undefined;
}

/**
 * How a request asks for structured output through its API's own mechanism: the JSON as the reply's text
 * (a JSON schema response format), or as the input of a tool the request forces (Anthropic's tool mode).
 */
export type StructuredAsk = { kind: 'text' } | { kind: 'tool'; name: string };

/** How one provider's API spells answers and errors. */
export interface WireFormat {
  /** Prefix of generated tool-call ids (`call_` for OpenAI, `toolu_` for Anthropic). */
  toolIdPrefix: string;
  /** Prefix of generated response ids. */
  messageIdPrefix: string;
  /** The non-streamed response body. */
  message(answer: Answer): unknown;
  /** The streamed response, as complete SSE events (`data: ...\n\n`). */
  events(answer: Answer): string[];
  /** Whether (and how) the request body asks natively for structured output; undefined when it does not. */
  structuredAsk(body: unknown): StructuredAsk | undefined;
  /** The body of an HTTP error response. */
  errorBody(status: ErrorStatus, message: string): unknown;
  /** A 200 body that is not valid JSON. */
  malformedBody: string;
  /** One SSE event whose data is not valid JSON. */
  malformedEvent: string;
}

/** Splits `text` into pieces of `size` characters (code points, so no surrogate pair is cut). */
export function pieces(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let at = 0; at < chars.length; at += size) out.push(chars.slice(at, at + size).join(''));
  return out;
}

/** `value[key0][key1]...`, or undefined as soon as a step is not an object. */
export function field(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
