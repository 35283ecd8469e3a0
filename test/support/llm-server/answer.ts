import type { ErrorStatus, TurnUsage } from './script';

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
}

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
