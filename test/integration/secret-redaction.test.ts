import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/launch-host';
import { startScriptedLlm, type ScriptedLlm } from '../support/llm-server';
import { tempDir } from '../support/temp-app';

const run = promisify(execFile);
const KEY = 'sk-canary-7f3a9c2e51d84b6f0aa1';
/** Every spelling a careless sink could write: as is, JSON-escaped, URL-encoded, base64. */
const SPELLINGS = [KEY, encodeURIComponent(KEY), Buffer.from(KEY).toString('base64')];

async function aura(home: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  const env = { PATH: process.env.PATH ?? '', AURA_HOME: home, OPENAI_COMPATIBLE_API_KEY: KEY, AURA_IDLE_EXIT_MS: '3000' };
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'dist', 'cli.js'), ...argv], { env, timeout: 60_000 });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** Every file under `dir`, recursively: the database, its WAL, logs, backups. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const copies = (text: string | Buffer) => SPELLINGS.reduce((n, s) => n + (text.includes(s) ? 1 : 0), 0);

describe('secrets are redacted by value', () => {
  let llm: ScriptedLlm;
  beforeAll(async () => {
    llm = await startScriptedLlm({ models: ['scripted'] });
  });
  afterAll(() => llm.close());

  it('leaves no copy of a key that a provider error, a file a tool read and the model itself repeat', async () => {
    const home = tempDir();
    const workspace = join(home, 'ws');
    mkdirSync(workspace);
    writeFileSync(join(workspace, '.env'), `OPENAI_COMPATIBLE_API_KEY=${KEY}\n`);
    llm.enqueue(
      { text: '{"steps":[{"title":"Read the env file","detail":""}]}' },
      { toolCalls: [{ name: 'read', args: { path: '.env' } }] },
      { text: `The key in .env is ${KEY}.` },
      // The reviewer's provider refuses the key and repeats it, as some providers and proxies do.
      { error: { status: 401, message: `Incorrect API key provided: ${KEY}. You can find your API key in your account.` } },
    );
    const result = await aura(home, 'run', 'What is in .env?', '--workspace', workspace, '--provider', 'openai-compatible', '--base-url', llm.baseUrl, '--model', 'scripted', '--yes');
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('[secret redacted]');
    // The key did go where it belongs: to the provider, in the Authorization header.
    expect(llm.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    // The model was never shown it: the tool result it got was redacted.
    expect(JSON.stringify(llm.requests.at(-2)?.body)).not.toContain(KEY);

    const id = /aura tasks show (\S+)/.exec(result.out)?.[1] ?? '';
    const show = await aura(home, 'tasks', 'show', id, '--json');
    const detail = JSON.parse(show.out) as { task: { status: string; error: { code: string } }; modelCalls: { ok: boolean; errorCode: string | null; error: string | null }[] };
    expect(detail.task).toMatchObject({ status: 'failed', error: { code: 'PROVIDER_AUTH' } });
    expect(detail.modelCalls.at(-1)).toMatchObject({ ok: false, errorCode: 'PROVIDER_AUTH', error: expect.stringContaining('[secret redacted]') });
    const audit = await aura(home, 'audit', 'verify');

    expect(copies(result.out) + copies(show.out) + copies(audit.out)).toBe(0);
    // Every file the app wrote (the host's socket is not a file: nothing is stored in it).
    const stored = files(home).filter((path) => !path.startsWith(workspace) && statSync(path).isFile());
    expect(stored.some((path) => path.endsWith('aura.db'))).toBe(true);
    expect(stored.some((path) => path.includes('logs'))).toBe(true);
    expect(stored.filter((path) => copies(readFileSync(path)) > 0)).toEqual([]);
  }, 60_000);
});
