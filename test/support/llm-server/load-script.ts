import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Script, type Turn } from './script';

/** Where `loadScript(name)` looks: test/fixtures/llm/. */
export const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures', 'llm');

/** Reads and validates a script file (a JSON array of turns); the error names the file and each problem. */
export function readScriptFile(path: string): Turn[] {
  const parsed = Script.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`invalid LLM script ${path}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The turns of test/fixtures/llm/NAME.json. */
export function loadScript(name: string): Turn[] {
  return readScriptFile(join(FIXTURES_DIR, name.endsWith('.json') ? name : `${name}.json`));
}
