import { afterEach, describe, expect, it } from '@jest/globals';
import { clearSecretsForTests, registerEnvironmentSecrets } from '../secrets/secret-values';
import { workerEnv } from './worker-env';

const host = {
  PATH: '/usr/bin:/bin',
  HOME: '/home/ada',
  LANG: 'fr_FR.UTF-8',
  LC_TIME: 'en_GB.UTF-8',
  TZ: 'Europe/Paris',
  TMPDIR: '/tmp/ada',
  XDG_RUNTIME_DIR: '/run/user/1000',
  OPENAI_API_KEY: 'sk-test-0123456789abcdef',
  ANTHROPIC_API_KEY: 'sk-ant-0123456789abcdef',
  GOOGLE_GENERATIVE_AI_API_KEY: 'AIza0123456789abcdef',
  GITHUB_TOKEN: 'ghp_0123456789abcdef',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI0123456789',
  DATABASE_URL: 'postgres://ada:hunter2hunter2@db/app',
  NODE_OPTIONS: '--require /tmp/evil.js',
  ELECTRON_RUN_AS_NODE: '1',
  AURA_HOME: '/home/ada/.aura',
};

afterEach(() => clearSecretsForTests());

describe('workerEnv', () => {
  it('passes only the allowlisted variables: no key, no token, no Node or Electron flag', () => {
    registerEnvironmentSecrets(host);
    expect(workerEnv(host)).toEqual({ PATH: '/usr/bin:/bin', HOME: '/home/ada', LANG: 'fr_FR.UTF-8', LC_TIME: 'en_GB.UTF-8', TZ: 'Europe/Paris', TMPDIR: '/tmp/ada', XDG_RUNTIME_DIR: '/run/user/1000' });
  });

  it('adds the extras it is given', () => {
    expect(workerEnv({ PATH: '/bin' }, { AURA_WORKSPACE: '/work' })).toEqual({ PATH: '/bin', AURA_WORKSPACE: '/work' });
  });

  it('refuses an extra named like a secret, or holding a known one', () => {
    registerEnvironmentSecrets(host);
    expect(() => workerEnv(host, { OPENAI_API_KEY: 'x' })).toThrow('A worker was to be given OPENAI_API_KEY, which holds a secret; workers never get keys.');
    expect(() => workerEnv(host, { MODEL_URL: `https://x/?k=${host.OPENAI_API_KEY}` })).toThrow('MODEL_URL');
  });

  it('leaves behind an allowed variable that carries a key', () => {
    registerEnvironmentSecrets(host);
    expect(workerEnv({ ...host, HOME: `/home/${host.GITHUB_TOKEN}` })).not.toHaveProperty('HOME');
  });
});
