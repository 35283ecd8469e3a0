import { basename } from 'node:path';
import { planCall } from './call-plan';
import type { NodeLlamaCpp } from './llama-api';
import { loadGgufModel } from './model-cache';
import { outputGrammar } from './output-grammar';
import { runChat } from './run-chat';
import { StreamWriter } from './stream-writer';
import type { CallOptions, Content, GenerateResult, LanguageModelV3, StreamPart, StreamResult } from './v3-types';

/** A GGUF model file run in this process by node-llama-cpp, as an AI SDK language model. */
export class LocalGgufLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'local-gguf';
  readonly modelId: string;
  // Text only: no URL is read by the model itself.
  readonly supportedUrls = {};

  constructor(
    private readonly path: string,
    private readonly lib: NodeLlamaCpp,
  ) {
    this.modelId = basename(path);
  }

  async doGenerate(options: CallOptions): Promise<GenerateResult> {
    options.abortSignal?.throwIfAborted();
    const plan = planCall(options);
    const model = await loadGgufModel(this.lib, this.path);
    const grammar = await outputGrammar(model, plan);
    const parts: StreamPart[] = [];
    const writer = new StreamWriter((part) => parts.push(part));
    writer.finish(await runChat(this.lib, model, plan, grammar, options.abortSignal, writer));

    const content: Content[] = [];
    let finish: Extract<StreamPart, { type: 'finish' }> | undefined;
    for (const part of parts) {
      if (part.type === 'text-start' || part.type === 'reasoning-start') content.push({ type: part.type === 'text-start' ? 'text' : 'reasoning', text: '' });
      else if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
        const last = content.at(-1);
        if (last && (last.type === 'text' || last.type === 'reasoning')) last.text += part.delta;
      } else if (part.type === 'tool-call') content.push(part);
      else if (part.type === 'finish') finish = part;
    }
    if (!finish) throw new Error('the generation ended without a finish');
    return { content, finishReason: finish.finishReason, usage: finish.usage, warnings: plan.warnings, response: { modelId: this.modelId, timestamp: new Date() } };
  }

  async doStream(options: CallOptions): Promise<StreamResult> {
    options.abortSignal?.throwIfAborted();
    const plan = planCall(options);
    // Loading happens before the stream exists, so a missing or broken file fails the call itself; the
    // grammar is made before it too, so its warnings are in stream-start.
    const model = await loadGgufModel(this.lib, this.path);
    const grammar = await outputGrammar(model, plan);
    options.abortSignal?.throwIfAborted();
    // Cancelling the stream (the reader went away) stops the generation too.
    const cancelled = new AbortController();
    const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, cancelled.signal]) : cancelled.signal;

    let done = false;
    const stream = new ReadableStream<StreamPart>({
      start: (controller) => {
        const emit = (part: StreamPart) => {
          if (!done) controller.enqueue(part);
        };
        emit({ type: 'stream-start', warnings: plan.warnings });
        emit({ type: 'response-metadata', modelId: this.modelId, timestamp: new Date() });
        const writer = new StreamWriter(emit);
        runChat(this.lib, model, plan, grammar, signal, writer).then(
          (outcome) => {
            writer.finish(outcome);
            done = true;
            controller.close();
          },
          (err: unknown) => {
            if (done) return;
            done = true;
            controller.error(err);
          },
        );
      },
      cancel: (reason) => {
        done = true;
        cancelled.abort(reason);
      },
    });
    return { stream };
  }
}
