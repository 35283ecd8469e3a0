import type { CallOptions } from '../../shared/language-model-v3';
import type { ModelStreamPart } from '../../shared/model-worker';
import { planCall } from './call-plan';
import type { NodeLlamaCpp } from './llama-api';
import { loadGgufModel } from './model-cache';
import { outputGrammar } from './output-grammar';
import { runChat } from './run-chat';
import { StreamWriter } from './stream-writer';

/**
 * One call: planned, its model loaded (once per file), its grammar made, then generated in a context of
 * its own. Reports `stream-start` with the call's warnings once the model is loaded, so a missing or
 * broken file fails before any part; then the answer's parts as they come, and `finish`.
 */
export async function generate(lib: NodeLlamaCpp, modelPath: string, options: CallOptions, signal: AbortSignal, emit: (part: ModelStreamPart) => void): Promise<void> {
  signal.throwIfAborted();
  const plan = planCall(options);
  const model = await loadGgufModel(lib, modelPath);
  const grammar = await outputGrammar(model, plan);
  signal.throwIfAborted();
  emit({ type: 'stream-start', warnings: plan.warnings });
  const writer = new StreamWriter(emit);
  writer.finish(await runChat(lib, model, plan, grammar, signal, writer));
}
