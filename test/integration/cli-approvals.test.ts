import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aura as auraCli, stopHost } from '../support/aura-cli';
import { auraOnTerminal } from '../support/aura-terminal';
import { startScriptedLlm, type ScriptedLlm } from '../support/llm-server';
import { tempDir } from '../support/temp-app';

// Each test starts the built CLI several times (a host, a sandbox): seconds each on a loaded 2-core machine.
jest.setTimeout(90_000);

const aura = (home: string, ...argv: string[]) => auraCli(home, argv);
const PLAN = '{"steps":[{"title":"Write two files","detail":""}]}';
const write = (path: string, content: string) => ({ toolCalls: [{ name: 'write', args: { path, content } }] });
const PASS = { text: '{"verdict":"pass","reasons":[]}' };

describe('aura run answers approvals on the terminal', () => {
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['scripted'] });
  });
  afterAll(() => llm.close());

  const run = (home: string, ws: string, answers: string[]) => auraOnTerminal(home, answers, 'run', 'Write a.txt and b.txt', '--workspace', ws, '--profile', 'ask', '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted');

  it('t: allowed for the rest of the task, so the second write does not ask', async () => {
    const home = tempDir();
    const ws = join(home, 'ws');
    mkdirSync(ws);
    llm.enqueue({ text: PLAN }, write('a.txt', 'A'), write('b.txt', 'B'), { text: 'Done.' }, PASS);
    const result = await run(home, ws, ['t']);
    expect(result.code).toBe(0);
    expect(result.out.split('[y/t/a/N]')).toHaveLength(2);
    expect(result.out).toContain('write is allowed for the rest of this task');
    expect([readFileSync(join(ws, 'a.txt'), 'utf8'), readFileSync(join(ws, 'b.txt'), 'utf8')]).toEqual(['A', 'B']);
    await stopHost(home);
  });

  it('a: adds a rule to a copy of the built-in profile, which new tasks then get', async () => {
    const home = tempDir();
    const ws = join(home, 'ws');
    mkdirSync(ws);
    llm.enqueue({ text: PLAN }, write('a.txt', 'A'), write('b.txt', 'B'), { text: 'Done.' }, PASS);
    const result = await run(home, ws, ['a']);
    expect(result.code).toBe(0);
    expect(result.out.split('[y/t/a/N]')).toHaveLength(2);
    expect(result.out).toContain('write is now always allowed under the profile ask-every-time-my-rules');
    const listed = await aura(home, 'profiles', 'list');
    expect(listed.out).toMatch(/\* ask-every-time-my-rules +Ask every time \(my rules\) +1 rules/);
    const shown = await aura(home, 'profiles', 'show', 'ask-every-time-my-rules', '--json');
    expect(JSON.parse(shown.out)).toMatchObject({ builtin: false, tools: [{ tool: 'write', decision: 'allow' }] });
    await stopHost(home);
  });

  it('n: refused, and the note reaches the model', async () => {
    const home = tempDir();
    const ws = join(home, 'ws');
    mkdirSync(ws);
    const seen = llm.requests.length;
    llm.enqueue({ text: PLAN }, write('a.txt', 'A'), { text: 'Did not write.' }, PASS);
    const result = await run(home, ws, ['n', 'use notes.md instead']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Note for the agent');
    expect(existsSync(join(ws, 'a.txt'))).toBe(false);
    // Planner, executor, then the executor again with the refusal: that one carries the note.
    expect(JSON.stringify(llm.requests[seen + 2]?.body)).toContain('use notes.md instead');
    await stopHost(home);
  });
});

describe('aura profiles', () => {
  it('lists, shows, copies, uses and removes profiles, with clear errors', async () => {
    const home = tempDir();
    const listed = await aura(home, 'profiles', 'list');
    expect(listed).toMatchObject({ code: 0, err: '' });
    expect(listed.out).toMatch(/\* ask +Ask every time +built in/);
    expect(listed.out).toMatch(/ {2}yes +Full access/);
    expect(await aura(home, 'profiles', 'show', 'Workspace auto')).toMatchObject({ code: 0, out: expect.stringContaining('Defaults: read allow, write allow, execute ask, network ask') });
    expect(await aura(home, 'profiles', 'show', 'nope')).toMatchObject({ code: 1, err: expect.stringContaining('aura profiles list') });
    expect(await aura(home, 'profiles', 'copy', 'read-only', 'Careful')).toMatchObject({ code: 0, out: expect.stringContaining('Copied as Careful (careful)') });
    expect(await aura(home, 'profiles', 'use', 'careful')).toMatchObject({ code: 0, out: expect.stringContaining('careful') });
    expect(await aura(home, 'profiles', 'rm', 'yes')).toMatchObject({ code: 1, err: expect.stringContaining('built in') });
    expect(await aura(home, 'profiles', 'rm', 'Careful')).toMatchObject({ code: 0, out: expect.stringContaining('new tasks now get "Ask every time"') });
    expect((await aura(home, 'profiles', 'list')).out).toMatch(/\* ask /);
    // Answers by id and decision; one that is not waiting says so.
    expect(await aura(home, 'approvals', 'answer', '00000000-0000-4000-8000-000000000000', 'once')).toMatchObject({ code: 1, err: expect.stringContaining('not waiting') });
    expect(await aura(home, 'approvals', 'answer', '00000000-0000-4000-8000-000000000000', 'maybe')).toMatchObject({ code: 2, err: expect.stringContaining('decision') });
    await stopHost(home);
  });
});
