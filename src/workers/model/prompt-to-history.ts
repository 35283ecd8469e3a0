import type { ChatHistoryItem, ChatModelFunctionCall } from './llama-api';
import type { Prompt, ToolResultOutput, Warning } from '../../shared/language-model-v3';

type ModelItem = Extract<ChatHistoryItem, { type: 'model' }>;

/**
 * The AI SDK prompt as node-llama-cpp chat history. node-llama-cpp keeps a tool call and its result
 * together in one model turn, so assistant messages and the tool messages between them merge into a
 * single `model` item whose function calls carry their results. Files are dropped with a warning: the
 * local models this runs are text-only.
 */
export function toChatHistory(prompt: Prompt): { history: ChatHistoryItem[]; warnings: Warning[] } {
  const history: ChatHistoryItem[] = [];
  const warnings: Warning[] = [];
  const calls = new Map<string, ChatModelFunctionCall>();
  const dropFile = () => {
    if (!warnings.some((w) => w.type === 'unsupported' && w.feature === 'file parts')) {
      warnings.push({ type: 'unsupported', feature: 'file parts', details: 'Local GGUF models read text only; files were left out of the prompt.' });
    }
  };
  const modelItem = (): ModelItem => {
    const last = history.at(-1);
    if (last?.type === 'model') return last;
    const item: ModelItem = { type: 'model', response: [] };
    history.push(item);
    return item;
  };

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        history.push({ type: 'system', text: message.content });
        break;
      case 'user': {
        const texts: string[] = [];
        for (const part of message.content) {
          if (part.type === 'text') texts.push(part.text);
          else dropFile();
        }
        history.push({ type: 'user', text: texts.join('\n') });
        break;
      }
      case 'assistant': {
        const item = modelItem();
        for (const part of message.content) {
          if (part.type === 'text') item.response.push(part.text);
          else if (part.type === 'reasoning') item.response.push({ type: 'segment', segmentType: 'thought', text: part.text, ended: true });
          else if (part.type === 'tool-call') {
            const call: ChatModelFunctionCall = { type: 'functionCall', name: part.toolName, params: part.input, result: undefined };
            calls.set(part.toolCallId, call);
            item.response.push(call);
          } else if (part.type === 'tool-result') attachResult(modelItem(), calls, part.toolCallId, part.toolName, part.output);
          else dropFile();
        }
        break;
      }
      case 'tool':
        for (const part of message.content) {
          if (part.type === 'tool-result') attachResult(modelItem(), calls, part.toolCallId, part.toolName, part.output);
        }
        break;
    }
  }
  return { history, warnings };
}

function attachResult(item: ModelItem, calls: Map<string, ChatModelFunctionCall>, id: string, name: string, output: ToolResultOutput): void {
  const call = calls.get(id);
  if (call) call.result = toolResultValue(output);
  // A result whose call is not in the prompt (trimmed history) still tells the model what happened.
  else item.response.push({ type: 'functionCall', name, params: undefined, result: toolResultValue(output) });
}

/** A tool's output as the value node-llama-cpp writes after the call (strings as they are, the rest as JSON). */
export function toolResultValue(output: ToolResultOutput): unknown {
  switch (output.type) {
    case 'text':
    case 'json':
      return output.value;
    case 'error-text':
      return `Error: ${output.value}`;
    case 'error-json':
      return { error: output.value };
    case 'execution-denied':
      return output.reason ? `The user denied this tool call: ${output.reason}` : 'The user denied this tool call.';
    case 'content':
      return output.value.map((item) => (item.type === 'text' ? item.text : `[${item.type} left out]`)).join('\n');
  }
}
