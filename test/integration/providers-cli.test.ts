import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ProviderAccount } from '../../src/shared/provider-accounts';
import type { ModelRoutes } from '../../src/shared/providers';
import { auraOnTerminal, auraPiped as aura, filesUnder, stopHost } from '../support/aura-cli';
import { startScriptedLlm, type ScriptedLlm } from '../support/llm-server';
import { tempDir } from '../support/temp-app';

jest.setTimeout(120_000);

const PASSWORD = 'providers cli password';
// A key-shaped canary: it goes in on stdin and must never come back out, nor sit in any file but the vault's sealed one.
const KEY = `sk-prov-${Date.now().toString(36)}-0123456789abcdef`;
const withPassword = { env: { AURA_VAULT_PASSWORD: PASSWORD } };

describe('aura providers', () => {
  const home = tempDir('aura-providers-cli-');
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['model-a', 'model-b'] });
    expect(await aura(home, ['vault', 'init'], withPassword)).toMatchObject({ code: 0 });
  });
  afterAll(async () => {
    await stopHost(home);
    await llm.close();
  });

  it('adds an account with its key on stdin, lists it masked, tests it and uses it for every role', async () => {
    const added = await aura(home, ['providers', 'add', 'Team', '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--monthly-budget-usd', '25'], { stdin: `${KEY}\n` });
    expect(added).toMatchObject({ code: 0, out: expect.stringContaining(`key ••••${KEY.slice(-4)}`) });

    const listed = await aura(home, ['providers', 'list']);
    expect(listed.out).toMatch(/^Team\s+openai-compatible\s+http:\/\/127\.0\.0\.1:\d+\/v1\s+key ••••cdef\s+\$0\.00 of \$25\.00 this month$/);
    const [account] = JSON.parse((await aura(home, ['providers', 'list', '--json'])).out) as ProviderAccount[];
    expect(account).toMatchObject({ name: 'Team', key: { kind: 'vault', hint: '••••cdef', locked: false }, monthlyBudgetUsd: 25 });

    const tested = await aura(home, ['providers', 'test', 'team']);
    expect(tested).toMatchObject({ code: 0, out: expect.stringMatching(/^OK in \d+ ms: Connected: 2 models\.\nmodel-a\nmodel-b$/) });
    expect(llm.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models', headers: expect.objectContaining({ authorization: `Bearer ${KEY}` }) });

    const used = await aura(home, ['providers', 'use', 'Team', 'model-a', '--json']);
    const ref = { provider: 'openai-compatible' as const, model: 'model-a', account: account!.id, baseUrl: llm.baseUrl };
    expect(JSON.parse(used.out)).toEqual({ planner: [ref], executor: [ref], reviewer: [ref] } satisfies ModelRoutes);

    // A budget change with nothing on stdin keeps the key; a key from AURA_PROVIDER_KEY replaces it.
    expect(await aura(home, ['providers', 'set', 'Team', '--monthly-budget-usd', 'none'])).toMatchObject({ code: 0, out: expect.stringContaining('key ••••cdef') });
    expect(await aura(home, ['providers', 'set', 'Team'], { env: { AURA_PROVIDER_KEY: `${KEY}-next` } })).toMatchObject({ code: 0, out: expect.stringContaining('key ••••next') });

    // Nothing of either key on any output or in any file of the data folder, but the vault's sealed file.
    const outputs = JSON.stringify([added, listed, tested, used]);
    expect(outputs).not.toContain(KEY);
    const leaks = filesUnder(home).filter((file) => !file.endsWith('vault.json') && readFileSync(file).toString('latin1').includes(KEY));
    expect(leaks).toEqual([]);
  });

  it('asks for the key without echo on a terminal, where Enter means none', async () => {
    const typed = `sk-typed-${Date.now().toString(36)}-0123456789`;
    const keyed = await auraOnTerminal(home, ['providers', 'add', 'Typed', '--provider', 'openai-compatible', '--base-url', llm.baseUrl], [{ prompt: 'API key (not shown; Enter for none): ', answer: typed }]);
    expect(keyed.code).toBe(0);
    expect(keyed.screen).toContain(`key ••••${typed.slice(-4)}`);
    expect(keyed.screen).not.toContain(typed);
    const keyless = await auraOnTerminal(home, ['providers', 'add', 'Local', '--provider', 'openai-compatible', '--preset', 'ollama'], [{ prompt: 'API key (not shown; Enter for none): ', answer: '' }]);
    expect(keyless).toMatchObject({ code: 0, screen: expect.stringContaining('no key') });
  });

  it('never takes a key from argv, refuses a key when the vault is locked, and removes an account with its key', async () => {
    expect(await aura(home, ['providers', 'add', 'Argv', '--provider', 'openai', '--api-key', KEY])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--api-key'") });
    expect(await aura(home, ['vault', 'lock'])).toMatchObject({ code: 0 });
    const locked = await aura(home, ['providers', 'add', 'Late', '--provider', 'openai'], { stdin: KEY });
    expect(locked.code).not.toBe(0);
    expect(locked.err).toContain('The vault is locked');
    expect(locked.err).toContain('aura vault unlock');
    expect((await aura(home, ['providers', 'list'])).out).toContain('key in the vault (locked)');

    expect(await aura(home, ['vault', 'unlock'], withPassword)).toMatchObject({ code: 0 });
    expect(await aura(home, ['providers', 'rm', 'team'])).toMatchObject({ code: 0, out: 'Removed the account and its key.' });
    expect((await aura(home, ['vault', 'list'])).out.match(/provider-key\./g)).toHaveLength(1); // the typed account's
    expect(JSON.parse((await aura(home, ['settings', 'get', 'modelRoutes', '--json'])).out)).toMatchObject({ value: { planner: [], executor: [], reviewer: [] } });
    expect(await aura(home, ['providers', 'rm', 'team'])).toMatchObject({ code: 1, out: 'No account by that name.' });
  });

  it('explains the group and each command', async () => {
    const help = await aura(home, ['providers', '--help']);
    for (const line of ['aura providers list', 'aura providers add NAME --provider', 'aura providers set ACCOUNT', 'aura providers test ACCOUNT', 'aura providers rm ACCOUNT', 'aura providers use ACCOUNT MODEL', 'aura providers detect']) expect(help.out).toContain(line);
    expect((await aura(home, ['providers', 'set', '--help'])).out).toContain('--monthly-budget-usd  number (none clears it)');
  });
});
