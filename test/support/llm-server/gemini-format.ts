import { field, pieces, type Answer, type StructuredAsk, type WireFormat } from './answer';
import type { ErrorStatus } from './script';

// Gemini generateContent / streamGenerateContent?alt=sse, as generativelanguage.googleapis.com sends
// them. Checked against the zod schemas of @ai-sdk/google. Gemini has no tool-call ids on the wire and
// sends each function call whole, in one part.

const STATUS_NAMES: Record<ErrorStatus, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  529: 'UNAVAILABLE',
};

const FINISH_REASONS = { length: 'MAX_TOKENS', content_filter: 'SAFETY' } as const;

/**
 * Structured output is asked natively with `generationConfig: {responseMimeType: 'application/json',
 * responseSchema}` as @ai-sdk/google sends it (`responseJsonSchema` is the API's other spelling). With the
 * provider option `structuredOutputs: false` only the MIME type goes, which does not count here.
 */
function structuredAsk(body: unknown): StructuredAsk | undefined {
  const config = field(body, 'generationConfig');
  const schema = field(config, 'responseSchema') ?? field(config, 'responseJsonSchema');
  return field(config, 'responseMimeType') === 'application/json' && schema !== undefined ? { kind: 'text' } : undefined;
}

const usage = (answer: Answer) => ({ promptTokenCount: answer.usage.input, candidatesTokenCount: answer.usage.output, totalTokenCount: answer.usage.input + answer.usage.output });

const calls = (answer: Answer) => answer.toolCalls.map((call) => ({ functionCall: { name: call.name, args: JSON.parse(call.arguments) as unknown } }));

const chunk = (answer: Answer, parts: unknown[], last: boolean) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...(last ? { finishReason: answer.finishReason === undefined ? 'STOP' : FINISH_REASONS[answer.finishReason] } : {}) }],
  ...(last ? { usageMetadata: usage(answer) } : {}),
  modelVersion: answer.model,
  responseId: answer.id,
});

function message(answer: Answer): unknown {
  const text = answer.text === undefined ? [] : [{ text: answer.text }];
  return chunk(answer, [...text, ...calls(answer)], true);
}

function events(answer: Answer): string[] {
  const texts = answer.text === undefined ? [] : pieces(answer.text, answer.chunkSize);
  const last = texts.pop();
  const bodies = texts.map((text) => chunk(answer, [{ text }], false));
  // Like the real API: the last chunk carries the finish reason and usage, with the calls if there are any.
  bodies.push(chunk(answer, [...(last === undefined ? [] : [{ text: last }]), ...calls(answer)], true));
  return bodies.map((body) => `data: ${JSON.stringify(body)}\r\n\r\n`);
}

/** Gemini's generateContent wire format. */
export const geminiFormat: WireFormat = {
  toolIdPrefix: 'gemini_call_',
  messageIdPrefix: 'resp_',
  message,
  events,
  structuredAsk,
  errorBody: (status, text) => ({ error: { code: status, message: text, status: STATUS_NAMES[status] } }),
  malformedBody: '{"candidates":[{"content":{"role":"model","parts":[{"te',
  malformedEvent: 'data: {"candidates":[{"content":{"role":"model","parts":[{"te\r\n\r\n',
};
