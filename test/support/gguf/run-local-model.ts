// Runs the local-gguf provider against a real GGUF file through node-llama-cpp and prints what came
// back as one `REPORT=<json>` line, for test/integration/local-gguf.test.ts to check.
// The provider runs here as in the app, node-llama-cpp in the model worker it starts; one process for
// the whole run, since loading the model is the slow part.
// Usage: node --import tsx test/support/gguf/run-local-model.ts <model.gguf>
import { generateText, jsonSchema, Output, stepCountIs, streamText, tool } from 'ai';
import { createLocalGgufModel } from '../../../src/core/providers/local-gguf';
import type { CallOptions, LanguageModelV3 } from '../../../src/shared/language-model-v3';
import { modelWorker } from './model-worker';
import { moodSchema } from './mood-schema';
import { readParts } from './read-parts';

type Prompt = CallOptions['prompt'];

const user = (text: string): Prompt[number] => ({ role: 'user', content: [{ type: 'text', text }] });
/** The tiny model repeats "~" once the reply starts with it: a generation that only a limit stops. */
const endless: Prompt = [user('Count'), { role: 'assistant', content: [{ type: 'text', text: '~' }] }];
const weatherSchema = {
  type: 'object' as const,
  properties: { city: { type: 'string' as const, enum: ['Paris', 'Oslo'] }, metric: { type: 'boolean' as const } },
  required: ['city'],
};


async function abortAfterFiveDeltas(model: LanguageModelV3) {
  const controller = new AbortController();
  const { stream } = await model.doStream({ prompt: endless, maxOutputTokens: 1500, abortSignal: controller.signal });
  const reader = stream.getReader();
  let deltas = 0;
  const started = Date.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { deltas, error: null, ms: Date.now() - started };
      if (value.type === 'text-delta' && ++deltas === 5) controller.abort();
    }
  } catch (err) {
    return { deltas, error: (err as Error).name, ms: Date.now() - started };
  }
}

async function main(path: string) {
  const { workers, worker, local } = modelWorker();
  const model = (await createLocalGgufModel(path, process.env, local)) as LanguageModelV3;
  const stream = await readParts((await model.doStream({ prompt: [{ role: 'system', content: 'Be brief.' }, user('Hi')] })).stream);
  const generated = await model.doGenerate({ prompt: [user('Hi')] });
  const limited = await model.doGenerate({ prompt: endless, maxOutputTokens: 7 });
  const aborted = await abortAfterFiveDeltas(model);
  const tools = [{ type: 'function' as const, name: 'get_weather', description: 'The weather in a city', inputSchema: weatherSchema }];
  const toolStream = await readParts((await model.doStream({ prompt: [user('Weather in Oslo?')], tools })).stream);

  // Through the AI SDK: it runs the tool and sends its result back in the second step's prompt.
  const executed: unknown[] = [];
  const steps = await generateText({
    model,
    prompt: 'Weather in Oslo?',
    tools: {
      get_weather: tool({
        inputSchema: jsonSchema<{ city: string; metric?: boolean }>(weatherSchema),
        execute: async (input) => {
          executed.push(input);
          return { celsius: 3 };
        },
      }),
    },
    stopWhen: stepCountIs(2),
  });

  // Structured output through the AI SDK: whatever the weights say, the grammar makes it JSON of the schema.
  const objectStream = streamText({ model, prompt: 'How are you?', output: Output.object({ schema: moodSchema }) });
  const partials: unknown[] = [];
  for await (const partial of objectStream.partialOutputStream) partials.push(partial);
  const anyJson = await generateText({ model, prompt: 'Hi', output: Output.json() });

  const workerPid = worker.pid;
  await workers.dispose();
  return {
    hostPid: process.pid,
    workerPid,
    modelId: model.modelId,
    stream,
    generated: { content: generated.content, finishReason: generated.finishReason, usage: generated.usage },
    limited: { content: limited.content, finishReason: limited.finishReason, usage: limited.usage },
    aborted,
    toolStream,
    sdk: {
      executed,
      steps: steps.steps.map((step) => ({ text: step.text, toolCalls: step.toolCalls.map((call) => call.input), finishReason: step.finishReason, usage: step.usage })),
    },
    structured: {
      object: { text: await objectStream.text, output: await objectStream.output, partials, warnings: (await objectStream.warnings) ?? [], finishReason: await objectStream.finishReason },
      json: { text: anyJson.text, output: anyJson.output as unknown, warnings: anyJson.warnings ?? [], finishReason: anyJson.finishReason },
    },
  };
}

const path = process.argv[2];
if (!path) throw new Error('usage: run-local-model.ts <model.gguf>');
main(path).then(
  (report) => process.stdout.write(`REPORT=${JSON.stringify(report)}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? `${err.message}\n${(err as { hint?: string }).hint ?? ''}` : String(err)}\n`);
    process.exit(1);
  },
);
