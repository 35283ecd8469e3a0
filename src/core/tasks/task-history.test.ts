import { OWNER_UI } from '../../shared/auth';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { openTempApp } from '../../../test/support/temp-app';
import { OUTPUT_PREVIEW_CHARS, type TimelineCursor, type TimelinePage } from '../../shared/task-history';
import type { ToolCallRecord } from '../../shared/tasks';

type App = ReturnType<typeof openTempApp>;
const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms).toISOString();

let app: App;
let taskId: string;

beforeEach(() => {
  app = openTempApp();
  taskId = app.tasks.create({ goal: 'A long task', workspacePath: app.home, profile: 'yes' }, 'cli').id;
});
afterEach(async () => {
  await app.dispose();
});

/** Rows with chosen times, so many share a millisecond. */
function message(ms: number, content = `message ${ms}`): void {
  app.store.db.prepare("INSERT INTO task_messages (id, task_id, step_id, role, content, created_at) VALUES (?, ?, NULL, 'executor', ?, ?)").run(randomUUID(), taskId, content, at(ms));
}
function toolCall(ms: number, output: unknown = { ok: ms }): ToolCallRecord {
  return app.tasks.saveToolCall({ id: randomUUID(), taskId, stepId: null, name: 'read', input: { path: `f${ms}` }, output, status: 'done', risk: 'read', error: null, durationMs: 1, createdAt: at(ms) });
}
let round = 0;
function review(ms: number): void {
  // Rounds rise with each review, as the engine writes them: the whole history lists reviews by round.
  round += 1;
  app.store.db.prepare("INSERT INTO reviews (id, task_id, round, verdict, reasons, created_at) VALUES (?, ?, ?, 'pass', '[]', ?)").run(randomUUID(), taskId, round, at(ms));
}
function modelCall(ms: number, costUsd: number | null = 0.01): void {
  app.store.db
    .prepare("INSERT INTO model_calls (id, task_id, role, provider, model, ok, input_tokens, output_tokens, cost_usd, duration_ms, created_at) VALUES (?, ?, 'executor', 'p', 'm', 1, 1, 1, ?, 1, ?)")
    .run(randomUUID(), taskId, costUsd, at(ms));
}

/** Every item of a page as `kind:id`, oldest first, in the order the page defines. */
function order(page: TimelinePage): string[] {
  const items = [
    ...page.messages.map((m) => ({ key: `message:${m.id}`, at: m.createdAt, rank: 0 })),
    ...page.toolCalls.map((c) => ({ key: `toolCall:${c.id}`, at: c.createdAt, rank: 1 })),
    ...page.reviews.map((r) => ({ key: `review:${r.id}`, at: r.createdAt, rank: 2 })),
    ...page.modelCalls.map((c) => ({ key: `modelCall:${c.id}`, at: c.createdAt, rank: 3 })),
  ];
  // Stable: within a kind and millisecond the lists are already in stored order.
  return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.rank - b.rank)).map((item) => item.key);
}

/** Reads the whole timeline page by page, newest page first, and returns it oldest first. */
function readAll(limit: number): { keys: string[]; pages: number } {
  const first = app.history.overview(taskId, limit);
  let keys = order(first);
  let pages = 1;
  let cursor: TimelineCursor | null = first.cursor;
  let more = first.hasOlder;
  while (more && cursor) {
    const page = app.history.history(taskId, cursor, limit);
    keys = [...order(page), ...keys];
    cursor = page.cursor;
    more = page.hasOlder;
    pages += 1;
  }
  return { keys, pages };
}

function everything(): string[] {
  const detail = app.tasks.detail(taskId);
  return order({ ...detail, toolCalls: detail.toolCalls.map((c) => ({ ...c, outputBytes: null, outputTruncated: false })), cursor: null, hasOlder: false });
}

describe('task history pages', () => {
  it('pages through a timeline whose items share milliseconds, with no item missed or repeated', () => {
    // Three milliseconds, each with every kind several times over: the cursor must break ties by kind, then by rowid.
    for (const ms of [1, 2, 3]) {
      for (let i = 0; i < 7; i += 1) {
        message(ms);
        toolCall(ms);
        modelCall(ms);
        if (i % 3 === 0) review(ms);
      }
    }
    const whole = everything();
    expect(whole).toHaveLength(1 + 3 * (7 * 3 + 3)); // the goal message, then 24 items a millisecond
    for (const limit of [1, 4, 7, 10, 50]) {
      const { keys, pages } = readAll(limit);
      expect(keys).toEqual(whole);
      expect(pages).toBe(Math.ceil(whole.length / limit));
    }
  });

  it('returns the newest page with its cursor, totals and the whole plan without summaries', () => {
    app.tasks.savePlan(
      taskId,
      Array.from({ length: 1000 }, (_, i) => ({ title: `Step ${i + 1}`, detail: `Do ${i + 1}` })),
    );
    for (let ms = 10; ms < 130; ms += 1) (ms % 2 ? message : toolCall)(ms);
    modelCall(200, null);
    modelCall(201);
    const page = app.history.overview(taskId, 50);
    expect(page.steps).toHaveLength(1000);
    expect(page.steps[999]).toEqual({ id: expect.any(String), taskId, index: 999, title: 'Step 1000', detail: 'Do 1000', status: 'pending' });
    expect(page.steps[0]).not.toHaveProperty('summary');
    expect(page.totals).toEqual({ messages: 61, toolCalls: 60, reviews: 0, modelCalls: 2, unpricedModelCalls: 1 });
    expect(page.modelCalls).toHaveLength(2);
    expect(page.messages.length + page.toolCalls.length + page.modelCalls.length).toBe(50);
    expect(page.hasOlder).toBe(true);
    // Newest first: the goal (written now), the two model calls, then 47 items from ms 129 down to 83.
    expect(page.cursor).toEqual({ at: at(83), kind: 'message', seq: expect.any(Number) });
  });

  it('keeps older pages the same while new items arrive, in the same millisecond too', () => {
    for (let ms = 0; ms < 30; ms += 1) message(5);
    const first = app.history.overview(taskId, 10);
    const before = app.history.history(taskId, first.cursor!, 10);
    for (let ms = 0; ms < 5; ms += 1) message(5);
    toolCall(5);
    const after = app.history.history(taskId, first.cursor!, 10);
    expect(order(after)).toEqual(order(before));
  });

  it('has an empty page and no cursor before the first item', () => {
    const first = app.history.overview(taskId, 50);
    expect(first).toMatchObject({ hasOlder: false, messages: [{ role: 'user', content: 'A long task' }] });
    const page = app.history.history(taskId, first.cursor!, 50);
    expect(page).toEqual({ messages: [], toolCalls: [], reviews: [], modelCalls: [], cursor: null, hasOlder: false });
  });

  it('says when a task does not exist', () => {
    expect(() => app.history.overview(randomUUID(), 50)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => app.history.history(randomUUID(), { at: at(0), kind: 'message', seq: 1 }, 50)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => app.history.toolCallOutput(randomUUID())).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('reads each page with index range scans, never a scan of a table or a sort', () => {
    const plans = ['tool_calls', 'task_messages', 'reviews', 'model_calls'].flatMap((table) =>
      (app.store.db.prepare(`EXPLAIN QUERY PLAN SELECT rowid AS seq, * FROM ${table} WHERE task_id = ? AND (created_at, rowid) < (?, ?) ORDER BY created_at DESC, rowid DESC LIMIT 51`).all(taskId, at(0), 1) as { detail: string }[]).map((row) => row.detail),
    );
    expect(plans.filter((detail) => /^SCAN|TEMP B-TREE/.test(detail))).toEqual([]);
  });
});

describe('tool call outputs in pages', () => {
  const big = { path: 'big.txt', content: 'x'.repeat(100_000) };

  it('shows a long output as a preview of the same shape, and the whole of it on demand', () => {
    const call = toolCall(1, big);
    const small = toolCall(2, { path: 'a.txt', content: 'short' });
    const [preview, shown] = app.history.overview(taskId, 50).toolCalls;
    expect(preview).toMatchObject({ id: call.id, outputTruncated: true, outputBytes: JSON.stringify(big).length, output: { path: 'big.txt' } });
    expect((preview!.output as { content: string }).content.length).toBeLessThan(OUTPUT_PREVIEW_CHARS);
    expect(shown).toMatchObject({ id: small.id, outputTruncated: false, output: { path: 'a.txt', content: 'short' } });
    expect(app.history.toolCallOutput(call.id)).toEqual({ id: call.id, output: big, outputBytes: JSON.stringify(big).length });
  });

  it('keeps the preview in step with the output as the call moves on, and counts bytes, not characters', () => {
    const call = toolCall(1, null);
    expect(app.history.overview(taskId, 50).toolCalls[0]).toMatchObject({ output: null, outputBytes: null, outputTruncated: false });
    app.tasks.saveToolCall({ ...call, output: 'é'.repeat(3000) });
    expect(app.history.overview(taskId, 50).toolCalls[0]).toMatchObject({ outputBytes: 6002, outputTruncated: true, output: 'é'.repeat(OUTPUT_PREVIEW_CHARS) });
  });

  it('shrinks, as it reads them, long outputs stored before previews were', () => {
    const call = toolCall(1, { ok: true });
    app.store.db.prepare('UPDATE tool_calls SET output = ?, output_preview = NULL, output_bytes = NULL WHERE id = ?').run(JSON.stringify(big), call.id);
    expect(app.history.overview(taskId, 50).toolCalls[0]).toMatchObject({ outputTruncated: true, outputBytes: JSON.stringify(big).length, output: { path: 'big.txt' } });
    expect(app.history.toolCallOutput(call.id).outputBytes).toBe(JSON.stringify(big).length);
  });
});

describe('the task page over the contract', () => {
  it('validates what it is asked and what it answers', async () => {
    toolCall(1, bigDiff());
    const reply = await app.dispatch('tasks.get', { id: taskId }, OWNER_UI);
    expect(reply).toMatchObject({ ok: true, result: { task: { id: taskId }, hasOlder: false, toolCalls: [{ outputTruncated: true }] } });
    const badLimit = await app.dispatch('tasks.get', { id: taskId, limit: 100_000 }, OWNER_UI);
    expect(badLimit).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const badCursor = await app.dispatch('tasks.history', { id: taskId, before: { at: at(0), kind: 'step', seq: 1 } } as never, OWNER_UI);
    expect(badCursor).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extra = await app.dispatch('tasks.toolCallOutput', { id: randomUUID(), full: true } as never, OWNER_UI);
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const missing = await app.dispatch('tasks.toolCallOutput', { id: randomUUID() }, OWNER_UI);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

function bigDiff(): unknown {
  return { diff: `@@ -1 +1 @@\n${'+line\n'.repeat(2000)}` };
}
