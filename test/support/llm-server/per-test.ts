import { afterEach } from '@jest/globals';
import { startScriptedLlm, type ScriptedLlm, type ScriptedLlmOptions } from './server';

/** A `start` for test files that start scripted servers freely: each is closed after its test. */
export function scriptedLlmsClosedAfterEach(): (opts?: ScriptedLlmOptions) => Promise<ScriptedLlm> {
  const servers: ScriptedLlm[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((llm) => llm.close()));
  });
  return async (opts) => {
    const llm = await startScriptedLlm(opts);
    servers.push(llm);
    return llm;
  };
}
