import { randomUUID } from 'node:crypto';
import { openTempApp } from './temp-app';

export interface SeededTask {
  id: string;
  steps: number;
  /** Timeline items stored: messages, tool calls, reviews and model calls. */
  items: number;
  /** The id of the newest tool call, whose output is long enough to be shown as a preview. */
  bigCallId: string;
  /** Text only the end of that output holds. */
  bigOutputEnd: string;
}

const T0 = Date.UTC(2025, 0, 1);
const at = (ms: number) => new Date(T0 + ms).toISOString();

/**
 * Stores a finished task of `steps` steps in a fresh data folder, as if it had run: per step three tool
 * calls, a model call and the executor's summary, then a passed review. Written through the task store
 * (tool outputs get their previews as they would) in one transaction, before any host opens the folder.
 * Times are set one second a step apart, and several items share each millisecond, as batched writes do.
 */
export async function seedLongTask(home: string, steps = 1000): Promise<SeededTask> {
  const app = openTempApp(home);
  const { db } = app.store;
  const id = app.tasks.create({ goal: `A long task of ${steps} steps`, workspacePath: home, profile: 'yes' }, 'cli').id;
  const message = db.prepare("INSERT INTO task_messages (id, task_id, step_id, role, content, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  const modelCall = db.prepare(
    "INSERT INTO model_calls (id, task_id, role, provider, model, ok, input_tokens, output_tokens, cost_usd, duration_ms, created_at) VALUES (?, ?, 'executor', 'openai-compatible', 'scripted', 1, 900, 120, 0.002, 800, ?)",
  );
  const bigOutputEnd = `end of the long output ${randomUUID()}`;
  let bigCallId = '';
  let items = 1;
  app.tasks.batch(() => {
    const plan = app.tasks.savePlan(
      id,
      Array.from({ length: steps }, (_, i) => ({ title: `Step ${i + 1} of the long task`, detail: `Read part ${i + 1} and note what it says.` })),
    );
    message.run(randomUUID(), id, null, 'planner', plan.map((s) => `${s.index + 1}. ${s.title}`).join('\n'), at(0));
    items += 1;
    for (const [i, step] of plan.entries()) {
      const base = (i + 1) * 1000;
      for (let k = 0; k < 3; k += 1) {
        const last = i === steps - 1 && k === 2;
        const content = last ? `${'line of a long file\n'.repeat(1000)}${bigOutputEnd}` : `part ${i + 1}.${k + 1}`;
        const callId = randomUUID();
        // Three calls in one millisecond, as the calls of one model turn are stored.
        app.tasks.saveToolCall({ id: callId, taskId: id, stepId: step.id, name: 'read', input: { path: `part-${i + 1}-${k + 1}.txt` }, output: { path: `part-${i + 1}-${k + 1}.txt`, content }, status: 'done', risk: 'read', error: null, durationMs: 3, createdAt: at(base) });
        if (last) bigCallId = callId;
      }
      modelCall.run(randomUUID(), id, at(base + 1));
      message.run(randomUUID(), id, step.id, 'executor', `Step ${i + 1} finished: part ${i + 1} read.`, at(base + 1));
      items += 5;
    }
    db.prepare("UPDATE task_steps SET status = 'done', summary = 'Read.' WHERE task_id = ?").run(id);
    db.prepare("INSERT INTO reviews (id, task_id, round, verdict, reasons, created_at) VALUES (?, ?, 1, 'pass', '[]', ?)").run(randomUUID(), id, at((steps + 1) * 1000));
    items += 1;
    // The goal comes first, and the task is finished: the host's start-up recovery leaves it as it is.
    db.prepare("UPDATE task_messages SET created_at = ? WHERE task_id = ? AND role = 'user'").run(at(0), id);
    db.prepare("UPDATE tasks SET status = 'done', runner = NULL, created_at = ? WHERE id = ?").run(at(0), id);
  });
  await app.close();
  return { id, steps, items, bigCallId, bigOutputEnd };
}
