import type { CallOptions, Prompt } from '../../../shared/language-model-v3';
import type { ModelCallOptions } from '../../../shared/model-worker';

type Message = ModelCallOptions['prompt'][number];
type Part = Extract<Prompt[number], { role: 'assistant' }>['content'][number];
type WirePart = Extract<Message, { role: 'assistant' }>['content'][number];

const SETTINGS = ['maxOutputTokens', 'temperature', 'stopSequences', 'topP', 'topK', 'presencePenalty', 'frequencyPenalty', 'seed', 'responseFormat', 'toolChoice'] as const;

/**
 * A call's options as the model worker takes them: plain data the worker can check. The signal stays
 * here (an abort sends `cancel`), and so do headers, provider options and the bytes of files, which a
 * local model does not read.
 */
export function toModelCallOptions(options: CallOptions): ModelCallOptions {
  const wire: ModelCallOptions = { prompt: options.prompt.map(toMessage) };
  for (const key of SETTINGS) if (options[key] !== undefined) Object.assign(wire, { [key]: options[key] });
  if (options.tools) {
    wire.tools = options.tools.map((tool) =>
      tool.type === 'function'
        ? { type: 'function', name: tool.name, ...(tool.description !== undefined ? { description: tool.description } : {}), inputSchema: tool.inputSchema }
        : { type: 'provider', id: tool.id, name: tool.name, args: {} },
    );
  }
  return wire;
}

function toMessage(message: Prompt[number]): Message {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.content.map((part) => (part.type === 'text' ? { type: 'text', text: part.text } : toFile(part))) };
    case 'assistant':
      return { role: 'assistant', content: message.content.map(toPart) };
    case 'tool':
      return { role: 'tool', content: message.content.flatMap((part) => (part.type === 'tool-result' ? [{ type: 'tool-result' as const, toolCallId: part.toolCallId, toolName: part.toolName, output: part.output }] : [])) };
  }
}

function toPart(part: Part): WirePart {
  switch (part.type) {
    case 'text':
    case 'reasoning':
      return { type: part.type, text: part.text };
    case 'file':
      return toFile(part);
    case 'tool-call':
      return { type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input };
    case 'tool-result':
      return { type: 'tool-result', toolCallId: part.toolCallId, toolName: part.toolName, output: part.output };
  }
}

const toFile = (part: { mediaType: string; filename?: string }) => ({ type: 'file' as const, mediaType: part.mediaType, ...(part.filename !== undefined ? { filename: part.filename } : {}), data: '' as const });
