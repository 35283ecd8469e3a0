import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { RecordedRequest } from './llm-server';
import type { Turn } from './llm-server/script';
import { REPO_ROOT } from './launch-host';

export interface LlmProcess {
  baseUrl: string;
  script(...turns: Turn[]): Promise<void>;
  /** Drops turns a previous test left unserved, so each test starts from its own script. */
  reset(): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  stop(): Promise<void>;
}

/**
 * The scripted LLM server in its own process, as a real provider would be: the app under test (or
 * measured) does not share an event loop with it. Scripted through its control endpoint.
 */
export function spawnScriptedLlm(models = ['scripted']): Promise<LlmProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/support/llm-server/main.ts'), '--port', '0', '--models', models.join(',')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`scripted LLM did not start:\n${output}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`scripted LLM exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const baseUrl = /LLM_URL=(\S+)/.exec(output)?.[1];
      if (!baseUrl) return;
      clearTimeout(timer);
      const origin = new URL(baseUrl).origin;
      resolve({
        baseUrl,
        async script(...turns) {
          const res = await fetch(`${origin}/__script`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ turns }) });
          if (!res.ok) throw new Error(`scripting failed: ${res.status} ${await res.text()}`);
        },
        async reset() {
          const res = await fetch(`${origin}/__script`, { method: 'DELETE' });
          if (!res.ok) throw new Error(`reset failed: ${res.status}`);
        },
        requests: async () => (await (await fetch(`${origin}/__requests`)).json()) as RecordedRequest[],
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
