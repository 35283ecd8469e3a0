import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openHarness, type Harness } from '../support/agent-harness';
import { eventually } from '../support/eventually';
import { loadScript } from '../support/llm-server';
import { openTempApp } from '../support/temp-app';

// Two apps on one data folder stand for two processes (a window and `aura run`): each has its own
// connection and its own runner identity, as separate processes do.
const FAST = { renewMs: 50, staleMs: 1_000 };
const opened: Harness[] = [];
afterEach(async () => {
  for (const h of opened.splice(0).reverse()) await h.close(true);
});

async function pair() {
  const runner = await openHarness({ claimTiming: FAST });
  const other = await openHarness({ home: runner.home, llm: runner.llm, claimTiming: FAST });
  opened.push(other, runner);
  return { runner, other };
}

describe('a task run by another process', () => {
  it('is left running by start-up recovery, cannot be resumed twice, and stops when cancelled from elsewhere', async () => {
    const { runner, other } = await pair();
    runner.llm.enqueue(...loadScript('write-file-task'));
    const task = await runner.create({ goal: 'Create hello.txt', profile: 'ask', model: runner.ref('openai-compatible') });
    const waiting = await eventually(() => other.app.tasks.detail(task.id), (d) => d.task.status === 'waiting_approval');
    const pendingCall = waiting.toolCalls.find((c) => c.status === 'waiting_approval');

    // Longer than a claim lives unrenewed: the runner's renewals keep it.
    await new Promise((resolve) => setTimeout(resolve, FAST.staleMs + 300));
    expect(other.app.recoverInterruptedTasks()).toBe(0);
    expect(other.app.tasks.get(task.id).status).toBe('waiting_approval');
    expect(other.app.tasks.toolCall(pendingCall?.id ?? '').status).toBe('waiting_approval');
    await expect(other.call('tasks.resume', { id: task.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/another Aura Work process/) });
    await expect(other.call('approvals.answer', { toolCallId: pendingCall?.id, approve: true })).rejects.toMatchObject({ code: 'CONFLICT', hint: expect.stringMatching(/where the task runs/) });

    await other.call('tasks.cancel', { id: task.id });
    const ended = await runner.app.agent.settled(task.id);
    expect(ended.status).toBe('cancelled');
    expect(existsSync(join(runner.workspace, 'hello.txt'))).toBe(false);
    expect(other.app.tasks.detail(task.id).toolCalls.find((c) => c.id === pendingCall?.id)?.status).toBe('denied');
  });

  it('is taken over once its runner stops renewing, and the old runner then stops without writing to it', async () => {
    const { runner, other } = await pair();
    // The first runner plans and asks to write; the one that takes over finds its model silent, so it is still running when checked.
    runner.llm.enqueue({ text: '{"steps":[{"title":"Write","detail":""}]}' }, { toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'hi' } }] }, { stall: true });
    const task = await runner.create({ goal: 'Create hello.txt', profile: 'ask', model: runner.ref('openai-compatible') });
    await eventually(() => runner.app.tasks.get(task.id), (t) => t.status === 'waiting_approval');
    // The runner freezes (a blocked event loop, a laptop asleep) long enough for its claim to go stale,
    // and another process's recovery runs before it renews again.
    runner.app.store.db.prepare('UPDATE tasks SET runner_seen_at = ? WHERE id = ?').run(Date.now() - 60_000, task.id);
    expect(other.app.recoverInterruptedTasks()).toBe(1);
    const detail = other.app.tasks.detail(task.id);
    expect(detail.task.status).toBe('interrupted');
    expect(detail.toolCalls.map((c) => c.status)).toEqual(['failed']);

    await other.call('tasks.resume', { id: task.id });
    const claimedBy = () => other.app.store.db.prepare('SELECT runner FROM tasks WHERE id = ?').pluck().get(task.id);
    expect(claimedBy()).toBe(other.app.agent.runner);
    // The old runner wakes, finds its claim gone at its next renewal, and stops: no status of its own,
    // and the claim stays with the process that took the task over.
    await runner.app.agent.settled(task.id);
    expect(claimedBy()).toBe(other.app.agent.runner);
    expect(other.app.tasks.get(task.id).status).not.toMatch(/^(cancelled|failed|interrupted)$/);
    // Its waiting call stays as recovery left it, and its aborted model call is not recorded.
    const after = other.app.tasks.detail(task.id);
    expect(after.toolCalls.map((c) => c.status)).toEqual(['failed']);
    expect(after.modelCalls.filter((c) => !c.ok)).toEqual([]);
    const moves = runner.app.audit.list({ page: 1, pageSize: 50, action: 'task.transition' }).entries.map((e) => e.detail.to);
    expect(moves.filter((to) => ['done', 'failed', 'cancelled', 'interrupted'].includes(String(to)))).toEqual(['interrupted']);
    other.app.agent.cancel(task.id);
    expect((await other.app.agent.settled(task.id)).status).toBe('cancelled');
  });

  it('refuses the old runner\'s very next write after a takeover, before any renewal, and runs no tool', async () => {
    // This runner renews too rarely to notice by itself: only the fence on its writes can stop it.
    const runner = await openHarness({ claimTiming: { renewMs: 60_000, staleMs: 1_000 } });
    const other = await openHarness({ home: runner.home, llm: runner.llm, claimTiming: FAST });
    opened.push(other, runner);
    runner.llm.enqueue({ text: '{"steps":[{"title":"Write","detail":""}]}' }, { toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'hi' } }] }, { stall: true });
    const task = await runner.create({ goal: 'Write', profile: 'ask', model: runner.ref('openai-compatible') });
    const waiting = await eventually(() => runner.app.tasks.detail(task.id), (d) => d.task.status === 'waiting_approval');
    runner.app.store.db.prepare('UPDATE tasks SET runner_seen_at = ? WHERE id = ?').run(Date.now() - 60_000, task.id);
    expect(other.app.recoverInterruptedTasks()).toBe(1);
    await other.call('tasks.resume', { id: task.id });

    // The user approves in the old runner's terminal: recording the call as running is refused, so the write never happens.
    runner.app.agent.answerApproval(waiting.toolCalls[0]?.id ?? '', true);
    await runner.app.agent.settled(task.id);
    expect(existsSync(join(runner.workspace, 'hello.txt'))).toBe(false);
    expect(other.app.tasks.detail(task.id).toolCalls.map((c) => c.status)).toEqual(['failed']);
    expect(other.app.store.db.prepare('SELECT runner FROM tasks WHERE id = ?').pluck().get(task.id)).toBe(other.app.agent.runner);
    other.app.agent.cancel(task.id);
    await other.app.agent.settled(task.id);
  });

  it('ends cancelled, not interrupted, when its runner died after a cancel was asked', async () => {
    const { runner, other } = await pair();
    const task = runner.app.tasks.create({ goal: 'Orphan', workspacePath: runner.workspace, profile: 'yes' }, 'cli');
    runner.app.store.db.prepare("UPDATE tasks SET status = 'running', runner = 'gone:3', runner_seen_at = ?, cancel_requested = 1 WHERE id = ?").run(Date.now() - 60_000, task.id);
    expect(other.app.recoverInterruptedTasks()).toBe(1);
    expect(other.app.tasks.get(task.id).status).toBe('cancelled');
  });

  it('is recovered by an open window, without a restart, once its runner died', async () => {
    const { runner, other } = await pair();
    const task = runner.app.tasks.create({ goal: 'Orphan', workspacePath: runner.workspace, profile: 'yes' }, 'cli');
    runner.app.store.db.prepare("UPDATE tasks SET status = 'running', runner = 'gone:4', runner_seen_at = ? WHERE id = ?").run(Date.now(), task.id);
    other.app.watchExternalChanges(20);
    expect(other.app.tasks.get(task.id).status).toBe('running');
    const recovered = await eventually(() => other.app.tasks.get(task.id), (t) => t.status === 'interrupted', 5_000);
    expect(recovered.status).toBe('interrupted');
  });

  it('is cancelled outright, claim and open calls included, when its runner stopped renewing', async () => {
    const { runner, other } = await pair();
    runner.llm.enqueue({ text: '{"steps":[{"title":"Write","detail":""}]}' }, { toolCalls: [{ name: 'write', args: { path: 'hello.txt', content: 'hi' } }] });
    const task = await runner.create({ goal: 'Write', profile: 'ask', model: runner.ref('openai-compatible') });
    await eventually(() => runner.app.tasks.get(task.id), (t) => t.status === 'waiting_approval');
    // Frozen (Ctrl-Z) past its claim's life, then cancelled from the window before any recovery ran.
    runner.app.store.db.prepare('UPDATE tasks SET runner_seen_at = ? WHERE id = ?').run(Date.now() - 60_000, task.id);
    expect(other.app.agent.cancel(task.id).status).toBe('cancelled');
    expect(other.app.tasks.detail(task.id).toolCalls.map((c) => c.status)).toEqual(['failed']);
    // Woken, the old runner finds its claim gone and stops without a word.
    await runner.app.agent.settled(task.id);
    expect(other.app.tasks.get(task.id).status).toBe('cancelled');
    expect(existsSync(join(runner.workspace, 'hello.txt'))).toBe(false);
  });

  it('is not resumed when a cancel was asked of a runner that then died', async () => {
    const { runner, other } = await pair();
    const task = runner.app.tasks.create({ goal: 'Orphan', workspacePath: runner.workspace, profile: 'yes' }, 'cli');
    runner.app.store.db.prepare("UPDATE tasks SET status = 'running', runner = 'gone:5', runner_seen_at = ?, cancel_requested = 1 WHERE id = ?").run(Date.now() - 60_000, task.id);
    await expect(other.call('tasks.resume', { id: task.id })).rejects.toMatchObject({ code: 'CONFLICT', message: 'This task was cancelled.' });
    expect(other.app.tasks.get(task.id).status).toBe('cancelled');
  });

  it('starts nothing once the app is stopping', async () => {
    const { runner } = await pair();
    const task = runner.app.tasks.create({ goal: 'Late', workspacePath: runner.workspace, profile: 'yes' }, 'cli');
    await runner.app.agent.stopAll();
    expect(() => runner.app.agent.start(task.id)).toThrow('Aura Work is shutting down.');
  });

  it('gives live runners a round to renew after the machine slept, then recovers what is really abandoned', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const window = openTempApp(undefined, { claimTiming: { renewMs: 2_000, staleMs: 15_000 } });
    try {
      const task = window.tasks.create({ goal: 'Asleep', workspacePath: window.home, profile: 'yes' }, 'cli');
      window.store.db.prepare("UPDATE tasks SET status = 'running', runner = 'asleep:1', runner_seen_at = ? WHERE id = ?").run(Date.now(), task.id);
      window.watchExternalChanges(60_000);
      // The machine sleeps for a minute: no timer fires, every claim ages past its life.
      jest.setSystemTime(Date.now() + 60_000);
      jest.advanceTimersByTime(15_000); // the late round after waking is skipped
      expect(window.tasks.get(task.id).status).toBe('running');
      jest.advanceTimersByTime(15_000); // the runner never renewed: the next round recovers it
      expect(window.tasks.get(task.id).status).toBe('interrupted');
    } finally {
      jest.useRealTimers();
      await window.dispose();
    }
  });

  it('lets a task whose runner vanished be resumed even before any recovery ran', async () => {
    const { runner, other } = await pair();
    const task = runner.app.tasks.create({ goal: 'Orphan', workspacePath: runner.workspace, profile: 'yes' }, 'cli');
    runner.app.store.db.prepare("UPDATE tasks SET status = 'running', runner = 'gone:2', runner_seen_at = ? WHERE id = ?").run(Date.now() - 60_000, task.id);
    runner.llm.enqueue(...loadScript('write-file-task'));
    runner.app.store.db.prepare('UPDATE tasks SET model_override = ? WHERE id = ?').run(JSON.stringify(other.ref('openai-compatible')), task.id);
    await other.call('tasks.resume', { id: task.id });
    const first = await other.app.agent.settled(task.id);
    expect(first.status).toBe('done');
    expect(other.app.store.db.prepare('SELECT runner FROM tasks WHERE id = ?').pluck().get(task.id)).toBeNull();
  });
});
