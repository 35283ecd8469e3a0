import { describe, expect, it } from '@jest/globals';
import { jsonSchema, simulateReadableStream, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import type { ModelRef } from '../../shared/providers';
import { AccountBudgetSpent } from '../providers/account-budget';
import { ModelRouter } from '../providers/model-router';
import type { TaskStore } from '../tasks/task-store';
import { runModelTurn, type ModelCall } from './model-turn';

// An account's monthly budget inside one tool loop: the turn's own calls count before they are recorded.

const REF: ModelRef = { provider: 'openai', model: 'gpt-4o', account: 'acct-1' };
// gpt-4o lists at $2.50 per million input tokens: 100k input tokens cost $0.25 a call.
const usage = { inputTokens: { total: 100_000, noCache: 100_000, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 0, text: 0, reasoning: 0 } };

/** The provider spec's stream parts, which `ai` does not export by name. */
type StreamPart = Awaited<ReturnType<MockLanguageModelV3['doStream']>>['stream'] extends ReadableStream<infer P> ? P : never;
const toolCallReply = (id: string): StreamPart[] => [
  { type: 'stream-start', warnings: [] },
  { type: 'tool-call', toolCallId: id, toolName: 'list', input: '{}' },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' }, usage },
];
const stream = (chunks: StreamPart[]) => ({ stream: simulateReadableStream({ chunks }) });

function setup(budgetUsd: number, recordedUsd: number) {
  const model = new MockLanguageModelV3({ doStream: [1, 2, 3, 4].map((n) => stream(toolCallReply(`call-${n}`))) });
  const router = new ModelRouter({ env: {}, logger: { warn: () => undefined } as never, createModel: async () => model });
  router.useAccounts({
    overBudget: (_id: string, pendingUsd = 0) => (recordedUsd + pendingUsd >= budgetUsd ? { account: 'Team', spentUsd: recordedUsd + pendingUsd, budgetUsd } : null),
  } as never);
  const calls: ModelCall[] = [];
  const store = { emitToken: () => undefined, addModelCall: (call: ModelCall) => calls.push(call) } as unknown as TaskStore;
  let ran = 0;
  const tools = { list: tool({ inputSchema: jsonSchema({ type: 'object' }), execute: async () => (ran += 1) }) };
  const turn = () =>
    runModelTurn(store, router, { taskId: 'task', stepId: 'step', role: 'executor', refs: [REF], system: 'sys', messages: [{ role: 'user', content: 'go' }], tools, maxIterations: 4 }, new AbortController().signal);
  return { model, calls, turn, ran: () => ran };
}

describe('a model turn on an account with a monthly budget', () => {
  it('stops its tool loop before the call that would go past the budget, and records what it spent', async () => {
    const { model, calls, turn, ran } = setup(1, 0.4);
    const err = await turn().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccountBudgetSpent);
    expect((err as AccountBudgetSpent).message).toBe('The provider account "Team" has spent its monthly budget: $1.15 of $1.00 this month.');
    // $0.40 recorded before, then $0.25 a call: $0.90 after the second, $1.15 after the third; no fourth is made.
    expect(model.doStreamCalls).toHaveLength(3);
    expect(ran()).toBe(3);
    expect(calls).toEqual([expect.objectContaining({ ok: false, errorCode: 'BUDGET_EXCEEDED', accountId: 'acct-1', inputTokens: 300_000, costUsd: 0.75 })]);
  });

  it('runs its whole tool loop while the budget lasts', async () => {
    const { model, turn } = setup(5, 0);
    const result = await turn();
    expect(model.doStreamCalls).toHaveLength(4);
    expect(result).toMatchObject({ exhausted: true, call: { ok: true, costUsd: 1 } });
  });
});
