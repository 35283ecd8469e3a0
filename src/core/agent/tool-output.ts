import { jsonSchema, tool, type Tool } from 'ai';
import { z } from 'zod';
import type { TaskStore } from '../tasks/task-store';

/** Characters of one tool result the model is sent; the whole output is stored once, on the tool call. */
export const MODEL_OUTPUT_CHARS = 12_000;

export const READ_OUTPUT_TOOL = 'read_output';

/**
 * What the model sees of a tool's output: all of it when small, else the head and a reference it can
 * page through with `read_output`, so one large listing or file cannot fill the context window.
 */
export function outputForModel(callId: string, output: unknown): unknown {
  const json = JSON.stringify(output) ?? 'null';
  if (json.length <= MODEL_OUTPUT_CHARS) return output;
  return {
    truncated: true,
    totalChars: json.length,
    head: json.slice(0, MODEL_OUTPUT_CHARS),
    note: `Only the first ${MODEL_OUTPUT_CHARS} of ${json.length} characters are shown. Call ${READ_OUTPUT_TOOL} with {"callId":"${callId}","offset":${MODEL_OUTPUT_CHARS}} to read on.`,
  };
}

const ReadOutputInput = z.object({ callId: z.string().uuid(), offset: z.number().int().nonnegative(), length: z.number().int().positive().max(MODEL_OUTPUT_CHARS).optional() }).strict();

/** Derived once: every step offers the tool, and converting the schema costs more than the step's writes. */
const readOutputSchema = jsonSchema<z.infer<typeof ReadOutputInput>>(z.toJSONSchema(ReadOutputInput) as Parameters<typeof jsonSchema>[0], {
  validate: (value) => {
    const parsed = ReadOutputInput.safeParse(value);
    return parsed.success ? { success: true, value: parsed.data } : { success: false, error: parsed.error };
  },
});

/** Reads a stored tool output of this task in pieces: the way back to what `outputForModel` cut. */
export function readOutputTool(store: TaskStore, taskId: string): Tool {
  return tool({
    description: 'Read more of an earlier tool result that was cut because it was long. Give the callId from its note and the character offset to start at.',
    inputSchema: readOutputSchema,
    execute: ({ callId, offset, length = MODEL_OUTPUT_CHARS }) => {
      let record;
      try {
        record = store.toolCall(callId);
      } catch {
        record = null;
      }
      // Another task's outputs are not this task's to read.
      if (record?.taskId !== taskId) return { error: 'No tool call of this task has that id.' };
      const json = JSON.stringify(record.output) ?? 'null';
      const end = Math.min(json.length, offset + length);
      return { callId, offset, totalChars: json.length, text: json.slice(offset, end), more: end < json.length ? `Next offset: ${end}` : 'This is the end.' };
    },
  });
}
