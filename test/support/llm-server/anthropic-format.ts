import { field, pieces, type Answer, type StructuredAsk, type WireFormat } from './answer';
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

const STOP_REASONS = { length: 'max_tokens', content_filter: 'refusal' } as const;

const stopReason = (answer: Answer) => (answer.finishReason === undefined ? (answer.toolCalls.length > 0 ? 'tool_use' : 'end_turn') : STOP_REASONS[answer.finishReason]);

/** The name @ai-sdk/anthropic gives the tool it forces in its tool mode of structured output. */
const JSON_TOOL = 'json';

/**
 * @ai-sdk/anthropic asks for structured output in one of two ways (`structuredOutputMode`; 'auto' picks
 * the first for models it knows support it, e.g. claude-sonnet-4-5, the second for any other name):
 * - `output_config: {format: {type: 'json_schema', schema}}`: the JSON comes back as the text;
 * - a tool named `json` ("Respond with a JSON object.") beside the call's own tools, forced with
 *   `tool_choice: {type: 'any', disable_parallel_tool_use: true}` (or `{type: 'tool', name: 'json'}`): the
 *   JSON comes back as that tool's input, stop_reason `tool_use`, which the SDK turns into text.
 * The SDK's fallback for thinking models that reject forced tools (`tool_choice: auto`) does not count.
 */
function structuredAsk(body: unknown): StructuredAsk | undefined {
  if (field(body, 'output_config', 'format', 'type') === 'json_schema') return { kind: 'text' };
  const tools = field(body, 'tools');
  const offered = Array.isArray(tools) && tools.some((tool) => field(tool, 'name') === JSON_TOOL);
  const choice = field(body, 'tool_choice', 'type');
  const forced = choice === 'any' || (choice === 'tool' && field(body, 'tool_choice', 'name') === JSON_TOOL);
  return offered && forced ? { kind: 'tool', name: JSON_TOOL } : undefined;
}

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
  structuredAsk,
  errorBody: (status, text) => ({ type: 'error', error: { type: ERROR_TYPES[status], message: text } }),
  malformedBody: '{"id":"msg_malformed","type":"message","role":"assistant","content":[{"type":"te',
  malformedEvent: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de\n\n',
};
