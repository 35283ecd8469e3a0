import { describe, expect, it } from '@jest/globals';
import { buildManifest } from './generate-manifest';
import { parseCommandLine } from './parse-command';
import { GLOBALS_TAKEN } from './shape-input';

const manifest = buildManifest('0.0.0-test');
const parse = (...argv: string[]) => parseCommandLine(manifest, argv, GLOBALS_TAKEN);

describe('parseCommandLine', () => {
  it('gives a command its own field when the flag is also a global option it does not take (`providers add --provider --base-url`)', () => {
    const parsed = parse('providers', 'add', 'Local', '--provider', 'openai-compatible', '--base-url', 'http://127.0.0.1:8080/v1', '--monthly-budget-usd', '5');
    expect(parsed).toMatchObject({ spec: { procedure: 'providers.accounts.add' }, input: { name: 'Local', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8080/v1', monthlyBudgetUsd: 5 } });
    expect('globals' in parsed && parsed.globals.provider).toBeFalsy();
    // A command that takes them keeps them as global options (`aura run --provider --model`).
    expect(parse('run', 'goal', '--provider', 'openai', '--model', 'gpt-4.1')).toMatchObject({ input: { goal: 'goal' }, globals: { provider: 'openai', model: 'gpt-4.1' } });
  });

  it('never takes an API key from argv', () => {
    for (const words of [['providers', 'add', 'x', '--provider', 'openai'], ['providers', 'set', 'x']]) {
      expect(() => parse(...words, '--api-key', 'sk-from-argv-0123456789')).toThrow(/Unknown option '--api-key'/);
    }
  });

  it('routes every providers command', () => {
    const route = (...argv: string[]) => (parse(...argv) as { spec: { procedure: string } }).spec.procedure;
    expect([route('providers', 'list'), route('providers', 'add', 'a'), route('providers', 'set', 'a'), route('providers', 'test', 'a'), route('providers', 'rm', 'a'), route('providers', 'use', 'a', 'm')]).toEqual([
      'providers.accounts.list',
      'providers.accounts.add',
      'providers.accounts.update',
      'providers.accounts.test',
      'providers.accounts.remove',
      'providers.accounts.use',
    ]);
    expect(parse('providers', 'use', 'acct', 'model-x', '--role', 'planner', '--role', 'reviewer')).toMatchObject({ input: { account: 'acct', model: 'model-x', roles: ['planner', 'reviewer'] } });
  });
});
