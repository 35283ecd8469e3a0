import { afterEach, describe, expect, it } from '@jest/globals';
import { openTempApp, tempDir } from '../../../test/support/temp-app';
import type { ToolCallRecord } from '../../shared/tasks';
import { TaskHistory } from '../tasks/task-history';
import { TaskAnnouncer } from './task-announcer';

const apps: ReturnType<typeof openTempApp>[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

describe('TaskAnnouncer', () => {
  it('announces what another process wrote to a long task from its newest rows, not its whole history', () => {
    const home = tempDir();
    const writer = openTempApp(home);
    const window = openTempApp(home);
    apps.push(writer, window);
    const task = writer.tasks.create({ goal: 'long', workspacePath: home, profile: 'yes' }, 'cli');
    const steps = writer.tasks.savePlan(task.id, Array.from({ length: 300 }, (_, i) => ({ title: `Step ${i + 1}`, detail: '' })));
    const call = (i: number): ToolCallRecord => ({ id: crypto.randomUUID(), taskId: task.id, stepId: steps[0]!.id, name: 'read', input: { i }, output: null, status: 'running', risk: 'read', error: null, durationMs: null, createdAt: new Date(Date.now() + i).toISOString() });
    writer.tasks.batch(() => {
      for (let i = 0; i < 500; i += 1) writer.tasks.addMessage(task.id, null, 'executor', `message ${i}`);
    });
    const open = writer.tasks.saveToolCall(call(1000));

    const sent: { event: string; payload: { id: string } }[] = [];
    window.events.subscribe((event, payload) => sent.push({ event, payload: payload as { id: string } }));
    const announcer = new TaskAnnouncer(window.tasks, new TaskHistory(window.store.db), window.events);
    announcer.announce();
    const count = (event: string) => sent.filter((s) => s.event === event).length;
    expect(count('task.step')).toBe(300);
    expect(count('task.message') + count('task.toolCall')).toBe(200);
    expect(sent.some((s) => s.event === 'task.message' && (s.payload as unknown as { content: string }).content === 'message 499')).toBe(true);

    // Then only what changed: the open call moving on, and a new message.
    sent.length = 0;
    writer.tasks.saveToolCall({ ...open, status: 'done', output: { text: 'x'.repeat(10_000) }, durationMs: 5 });
    writer.tasks.addMessage(task.id, null, 'executor', 'the last word');
    announcer.announce();
    expect(sent.map((s) => s.event).sort()).toEqual(['task.message', 'task.toolCall', 'task.updated']);
    // Events carry whole records: the window's page makes its own preview.
    expect((sent.find((s) => s.event === 'task.toolCall')?.payload as unknown as ToolCallRecord).output).toEqual({ text: 'x'.repeat(10_000) });
    announcer.dispose();
  });
});
