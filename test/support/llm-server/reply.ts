import type { Answer, WireFormat } from './answer';
import type { ErrorStatus, StructuredTurn, TextTurn, ToolCallsTurn, Turn } from './script';
import { usageFor } from './usage';

/** What the server sends for one call, decided before a byte is written. */
export type Reply =
  | { kind: 'json'; status: number; headers: Record<string, string>; body: string; delayMs: number }
  | { kind: 'events'; events: string[]; delayMs: number }
  | { kind: 'stall'; contentType: string };

/** The call being answered. */
export interface Call {
  model: string | undefined;
  stream: boolean;
  body: unknown;
  /** A fresh id with this prefix (`call_1`, `toolu_2`, `msg_3`...). */
  nextId(prefix: string): string;
}

const DEFAULT_CHUNK_SIZE = 8;

/** What a StructuredTurn says when not asked natively: friendly, and no JSON in it. */
export const DEFAULT_PROSE = 'Sure! First I will look at the files, then write the summary.';

const DEFAULT_MESSAGES: Record<ErrorStatus, string> = {
  400: 'Bad request (scripted).',
  401: 'Invalid API key (scripted).',
  429: 'Rate limit reached (scripted).',
  500: 'Internal server error (scripted).',
  503: 'Service unavailable (scripted).',
  529: 'Overloaded (scripted).',
};

/** An HTTP error in the provider's own error shape. */
export function errorReply(format: WireFormat, status: ErrorStatus, message: string, headers: Record<string, string> = {}): Reply {
  return { kind: 'json', status, headers, body: JSON.stringify(format.errorBody(status, message)), delayMs: 0 };
}

/** The reply to `call` for `turn`; no turn means the script ran out, which a test must notice. */
export function replyFor(turn: Turn | undefined, format: WireFormat, call: Call, left: number): Reply {
  if (turn === undefined) {
    const others = left > 0 ? ` (${left} turn(s) wait for other models)` : '';
    return errorReply(format, 500, `script exhausted: no turn left for model ${JSON.stringify(call.model ?? null)}${others}`);
  }
  if ('error' in turn) {
    const { status, message, retryAfterSeconds } = turn.error;
    const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
    return errorReply(format, status, message ?? DEFAULT_MESSAGES[status], headers);
  }
  if ('malformed' in turn) {
    return call.stream ? { kind: 'events', events: [format.malformedEvent], delayMs: 0 } : { kind: 'json', status: 200, headers: {}, body: format.malformedBody, delayMs: 0 };
  }
  if ('stall' in turn) return { kind: 'stall', contentType: call.stream ? 'text/event-stream' : 'application/json' };
  const answer = answerFor(turn, format, call);
  const delayMs = turn.delayMs ?? 0;
  return call.stream ? { kind: 'events', events: format.events(answer), delayMs } : { kind: 'json', status: 200, headers: {}, body: JSON.stringify(format.message(answer)), delayMs };
}

function answerFor(turn: TextTurn | ToolCallsTurn | StructuredTurn, format: WireFormat, call: Call): Answer {
  const { text, calls } = contentOf(turn, format, call.body);
  const toolCalls = calls.map((c) => ({ id: call.nextId(format.toolIdPrefix), name: c.name, arguments: JSON.stringify(c.args ?? {}) }));
  const outputChars = (text ?? '').length + toolCalls.reduce((sum, c) => sum + c.name.length + c.arguments.length, 0);
  return {
    id: call.nextId(format.messageIdPrefix),
    model: call.model ?? 'scripted-model',
    created: Math.floor(Date.now() / 1000),
    text,
    toolCalls,
    chunkSize: turn.chunkSize ?? DEFAULT_CHUNK_SIZE,
    usage: usageFor(turn.usage, call.body, outputChars),
    finishReason: turn.finishReason,
  };
}

/** The text and tool calls a turn answers `body` with; a StructuredTurn's depend on how the body asks. */
function contentOf(turn: TextTurn | ToolCallsTurn | StructuredTurn, format: WireFormat, body: unknown): { text: string | undefined; calls: { name: string; args: unknown }[] } {
  if ('toolCalls' in turn) return { text: turn.text, calls: turn.toolCalls };
  if (!('structured' in turn)) return { text: turn.text, calls: [] };
  const ask = format.structuredAsk(body);
  if (ask === undefined) return { text: turn.otherwise ?? DEFAULT_PROSE, calls: [] };
  if (ask.kind === 'tool') return { text: undefined, calls: [{ name: ask.name, args: turn.structured }] };
  return { text: JSON.stringify(turn.structured), calls: [] };
}
