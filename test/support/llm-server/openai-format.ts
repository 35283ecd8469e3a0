import { field, pieces, type Answer, type StructuredAsk, type WireFormat } from './answer';
import type { ErrorStatus } from './script';

// OpenAI chat completions, as api.openai.com sends them. Checked against the zod schemas of
// @ai-sdk/openai (which, unlike openai-compatible, requires `choices[].index` and, outside streams,
// `tool_calls[].type`).

const ERROR_KINDS: Record<ErrorStatus, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
  503: { type: 'server_error', code: 'service_unavailable' },
  529: { type: 'server_error', code: 'overloaded' },
};

// OpenAI spells the scripted stop reasons as the script does.
const finishReason = (answer: Answer) => answer.finishReason ?? (answer.toolCalls.length > 0 ? 'tool_calls' : 'stop');

/**
 * Structured output is asked natively with `response_format: {type: 'json_schema', json_schema: {name,
 * strict, schema}}`, as @ai-sdk/openai sends it and @ai-sdk/openai-compatible does when created with
 * `supportsStructuredOutputs: true`. Without that flag openai-compatible sends `{type: 'json_object'}`
 * ("JSON mode", no schema), and so do both for `Output.json()`: that does NOT count here, because the
 * StructuredTurn models servers that honour json_schema only and ignore JSON mode.
 */
function structuredAsk(body: unknown): StructuredAsk | undefined {
  return field(body, 'response_format', 'type') === 'json_schema' ? { kind: 'text' } : undefined;
}

const usage = (answer: Answer) => ({
  prompt_tokens: answer.usage.input,
  completion_tokens: answer.usage.output,
  total_tokens: answer.usage.input + answer.usage.output,
});

function message(answer: Answer): unknown {
  const toolCalls = answer.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  return {
    id: answer.id,
    object: 'chat.completion',
    created: answer.created,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.text ?? null, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}), annotations: [] },
        logprobs: null,
        finish_reason: finishReason(answer),
      },
    ],
    usage: usage(answer),
    service_tier: 'default',
    system_fingerprint: 'fp_scripted',
  };
}

function events(answer: Answer): string[] {
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ id: answer.id, object: 'chat.completion.chunk', created: answer.created, model: answer.model, system_fingerprint: 'fp_scripted', choices, ...extra })}\n\n`;
  const delta = (d: object, finish: string | null = null) => chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
  const out = [delta({ role: 'assistant', content: answer.text === undefined ? null : '', refusal: null })];
  for (const piece of pieces(answer.text ?? '', answer.chunkSize)) out.push(delta({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    // The first delta of a call names it; the arguments follow in pieces keyed only by index.
    out.push(delta({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of pieces(call.arguments, answer.chunkSize)) out.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  out.push(delta({}, finishReason(answer)));
  // Sent when the request asks with stream_options.include_usage; always sent here so usage is never lost.
  out.push(chunk([], { usage: usage(answer) }));
  out.push('data: [DONE]\n\n');
  return out;
}

/** OpenAI's chat completions wire format. */
export const openAiFormat: WireFormat = {
  toolIdPrefix: 'call_',
  messageIdPrefix: 'chatcmpl-',
  message,
  events,
  structuredAsk,
  errorBody: (status, text) => ({ error: { message: text, ...ERROR_KINDS[status], param: null } }),
  malformedBody: '{"id":"chatcmpl-malformed","object":"chat.completion","choices":[{"index":0,"message":{"role":"assist',
  malformedEvent: 'data: {"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel\n\n',
};
