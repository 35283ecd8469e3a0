import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearSecretsForTests, registerSecret } from '../../src/core/secrets/secret-values';
import { openHarness, type Harness } from '../support/agent-harness';

const KEY = 'sk-canary-streamed-0f1e2d3c4b5a';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  clearSecretsForTests();
});

describe('streamed text is redacted as a stream', () => {
  it('never pushes a key the model spells out over many small deltas, nor one a tool prints', async () => {
    registerSecret(KEY);
    harness = await openHarness();
    writeFileSync(join(harness.workspace, 'notes.txt'), `token=${KEY}\n`);
    const pushed: string[] = [];
    harness.app.events.subscribe((event, payload) => {
      // The text as a window shows it: the pieces joined.
      if (event === 'task.token') pushed.push((payload as { delta: string }).delta);
      if (event === 'task.toolOutput') pushed.push((payload as { chunk: string }).chunk);
    });
    harness.llm.enqueue(
      { text: '{"steps":[{"title":"Say the key","detail":""}]}' },
      { toolCalls: [{ name: 'shell', args: { command: 'cat notes.txt' } }] },
      { text: `It is ${KEY} as you asked.`, chunkSize: 3 },
      { text: '{"verdict":"pass","reasons":[]}' },
    );
    const task = await harness.create({ goal: 'Say the key', profile: 'yes', model: harness.ref('openai-compatible') });
    const detail = await harness.finish(task.id);
    expect(detail.task.status).toBe('done');
    const streamed = pushed.join('');
    expect(streamed).toContain('[secret redacted]');
    // No fragment long enough to matter survives either: the key's middle never appears.
    expect(streamed).not.toContain(KEY.slice(6, 20));
  }, 60_000);
});
