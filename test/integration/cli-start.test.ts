import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const HEAVY = ['better-sqlite3', 'ai', 'zod'];

// Preloaded into the built CLI: records every module request and, at exit, every module file loaded.
const RECORDER = `
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const requests = [];
const load = Module._load;
Module._load = function (request, ...rest) {
  requests.push(request);
  return load.call(this, request, ...rest);
};
process.on('exit', () => writeFileSync(process.env.AURA_LOADED_FILE, JSON.stringify({ requests, files: Object.keys(require.cache) })));
`;

/** Runs the built `aura` with the recorder and returns what it loaded. */
function loadedBy(...argv: string[]): { requests: string[]; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'aura-cli-start-'));
  writeFileSync(join(dir, 'recorder.js'), RECORDER);
  const record = join(dir, 'loaded.json');
  execFileSync(process.execPath, ['--require', join(dir, 'recorder.js'), CLI, ...argv], { env: { PATH: process.env.PATH ?? '', AURA_HOME: dir, AURA_LOADED_FILE: record }, stdio: 'pipe' });
  return JSON.parse(readFileSync(record, 'utf8')) as { requests: string[]; files: string[] };
}

/** Which of the heavy packages, and whether the command table, the run loaded. */
function heavyIn({ requests, files }: { requests: string[]; files: string[] }): string[] {
  const packages = HEAVY.filter((name) => requests.includes(name) || files.some((file) => file.includes(join('node_modules', name, ''))));
  const table = [...requests, ...files].some((id) => id.includes('cli-commands')) ? ['commands'] : [];
  return [...packages, ...table];
}

describe('aura start-up', () => {
  it.each(['--version', '--help'])('answers %s without loading the commands, SQLite, the AI SDK or zod', (flag) => {
    expect(heavyIn(loadedBy(flag))).toEqual([]);
  }, 30_000);

  it('loads the commands, and still none of the core, when a command runs: the host does the work', () => {
    expect(heavyIn(loadedBy('host', 'stop'))).toEqual(['commands']);
  }, 30_000);
});
