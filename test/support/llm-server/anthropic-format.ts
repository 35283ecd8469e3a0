import { pieces, type Answer, type WireFormat } from './answer';
import type { ErrorStatus } from './script';

// Anthropic messages, as api.anthropic.com sends them. Checked against the zod schemas of
// @ai-sdk/anthropic (which requires `type: 'message'` on a non-streamed body and
// `message.usage.input_tokens` on message_start).

const ERROR_TYPES: Record<ErrorStatus, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

const stopReason = (answer: Answer) => (answer.toolCalls.length > 0 ? 'tool_use' : 'end_turn');

/** Content blocks in order: the text (if any) first, then one tool_use per call. */
function blocks(answer: Answer): unknown[] {
  const text = answer.text === undefined ? [] : [{ type: 'text', text: answer.text }];
  const tools = answer.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.arguments) as unknown }));
  return [...text, ...tools];
}

function message(answer: Answer): unknown {
  return {
    id: answer.id,
    type: 'message',
    role: 'assistant',
    model: answer.model,
    content: blocks(answer),
    stop_reason: stopReason(answer),
    stop_sequence: null,
    usage: { input_tokens: answer.usage.input, output_tokens: answer.usage.output },
  };
}

const event = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;

function events(answer: Answer): string[] {
  const start = { id: answer.id, type: 'message', role: 'assistant', model: answer.model, content: [], stop_reason: null, stop_sequence: null };
  const out = [event('message_start', { message: { ...start, usage: { input_tokens: answer.usage.input, output_tokens: 1 } } }), event('ping', {})];
  let index = 0;
  if (answer.text !== undefined) {
    out.push(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    for (const text of pieces(answer.text, answer.chunkSize)) out.push(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
    out.push(event('content_block_stop', { index }));
    index += 1;
  }
  for (const call of answer.toolCalls) {
    // Like the real API: the block opens with empty input, then the JSON arrives in pieces, the first one empty.
    out.push(event('content_block_start', { index, content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} } }));
    for (const partial of ['', ...pieces(call.arguments, answer.chunkSize)]) out.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } }));
    out.push(event('content_block_stop', { index }));
    index += 1;
  }
  out.push(event('message_delta', { delta: { stop_reason: stopReason(answer), stop_sequence: null }, usage: { output_tokens: answer.usage.output } }));
  out.push(event('message_stop', {}));
  return out;
}

/** Anthropic's messages wire format. */
export const anthropicFormat: WireFormat = {
  toolIdPrefix: 'toolu_',
  messageIdPrefix: 'msg_',
  message,
  events,
  errorBody: (status, text) => ({ type: 'error', error: { type: ERROR_TYPES[status], message: text } }),
  malformedBody: '{"id":"msg_malformed","type":"message","role":"assistant","content":[{"type":"te',
  malformedEvent: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de\n\n',
};
