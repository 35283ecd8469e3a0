import { basename } from 'node:path';
import { AuraError } from '../../../shared/errors';
import type { CallOptions, Content, GenerateResult, LanguageModelV3, StreamPart, StreamResult } from '../../../shared/language-model-v3';
import type { ModelStreamPart, ModelWorkerMethods } from '../../../shared/model-worker';
import type { WorkerClient } from '../../workers/worker-client';
import { toModelCallOptions } from './model-call-options';

/** The part of the model worker's client a model uses. */
export type ModelWorker = Pick<WorkerClient<ModelWorkerMethods>, 'call'>;

/**
 * A GGUF model file as an AI SDK language model. node-llama-cpp runs it in the model worker
 * (src/workers/model): each call goes there with its options, and its parts come back as the worker
 * reports them, so the host's main thread never runs inference. An abort, or a reader that cancels
 * the stream, cancels the worker's call.
 */
export class LocalGgufLanguageModel implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  readonly provider = 'local-gguf';
  readonly modelId: string;
  // Text only: no URL is read by the model itself.
  readonly supportedUrls = {};

  constructor(
    private readonly path: string,
    /** Where node-llama-cpp is installed (library-dir.ts); null: beside the worker. */
    private readonly libraryDir: string | null,
    private readonly worker: ModelWorker,
  ) {
    this.modelId = basename(path);
  }

  async doGenerate(options: CallOptions): Promise<GenerateResult> {
    options.abortSignal?.throwIfAborted();
    const parts: ModelStreamPart[] = [];
    await this.generate(options, options.abortSignal, (part) => parts.push(part));

    const content: Content[] = [];
    let warnings: GenerateResult['warnings'] = [];
    let finish: Extract<ModelStreamPart, { type: 'finish' }> | undefined;
    for (const part of parts) {
      if (part.type === 'stream-start') warnings = part.warnings;
      else if (part.type === 'text-start' || part.type === 'reasoning-start') content.push({ type: part.type === 'text-start' ? 'text' : 'reasoning', text: '' });
      else if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
        const last = content.at(-1);
        if (last && (last.type === 'text' || last.type === 'reasoning')) last.text += part.delta;
      } else if (part.type === 'tool-call') content.push(part);
      else if (part.type === 'finish') finish = part;
    }
    if (!finish) throw new Error('the generation ended without a finish');
    return { content, finishReason: finish.finishReason, usage: finish.usage, warnings, response: { modelId: this.modelId, timestamp: new Date() } };
  }

  /**
   * Resolves once the worker has loaded the model and planned the call (its `stream-start`), so a
   * missing or broken file fails the call itself; what fails after that fails the stream.
   */
  async doStream(options: CallOptions): Promise<StreamResult> {
    options.abortSignal?.throwIfAborted();
    // Cancelling the stream (the reader went away) cancels the worker's call too.
    const cancelled = new AbortController();
    const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, cancelled.signal]) : cancelled.signal;
    let controller!: ReadableStreamDefaultController<StreamPart>;
    let done = false;
    const stream = new ReadableStream<StreamPart>({
      start: (c) => {
        controller = c;
      },
      cancel: (reason) => {
        done = true;
        cancelled.abort(reason);
      },
    });
    const emit = (part: StreamPart) => {
      if (!done) controller.enqueue(part);
    };

    return new Promise((resolve, reject) => {
      let started = false;
      const onPart = (part: ModelStreamPart) => {
        emit(part);
        if (part.type !== 'stream-start') return;
        started = true;
        emit({ type: 'response-metadata', modelId: this.modelId, timestamp: new Date() });
        resolve({ stream });
      };
      this.generate(options, signal, onPart).then(
        () => {
          if (!started) return reject(new Error('the generation ended before it started'));
          if (done) return;
          done = true;
          controller.close();
        },
        (err: unknown) => {
          if (!started) return reject(err);
          if (done) return;
          done = true;
          controller.error(err);
        },
      );
    });
  }

  private async generate(options: CallOptions, signal: AbortSignal | undefined, onPart: (part: ModelStreamPart) => void): Promise<void> {
    try {
      await this.worker.call('generate', { modelPath: this.path, libraryDir: this.libraryDir, options: toModelCallOptions(options) }, { ...(signal ? { signal } : {}), onProgress: onPart });
    } catch (err) {
      // An unexpected failure of the generation itself (node-llama-cpp threw) is a model failure like any
      // provider's: a plain error the router may retry or fall back from, as when it ran in this process.
      // The worker's own verdicts (not installed, not loadable, crashed) stay AuraErrors with their hints.
      if (err instanceof AuraError && err.code === 'INTERNAL') throw new Error(err.message);
      throw err;
    }
  }
}
