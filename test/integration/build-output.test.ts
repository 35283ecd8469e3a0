import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { procedures } from '../../src/shared/contract';
import { REPO_ROOT } from '../support/launch-host';

const built = (file: string) => readFileSync(join(REPO_ROOT, 'dist', file), 'utf8');

describe('what the build derives from the contract', () => {
  it('gives the preload the contract names only: no schemas, no zod, a few kilobytes', () => {
    const preload = built('preload.js');
    expect(preload).not.toMatch(/zod|ZodError|safeParse/);
    expect(preload.length).toBeLessThan(16 * 1024);
    for (const name of Object.keys(procedures)) expect(preload).toContain(`"${name}"`);
  });

  it('gives the CLI a command for every procedure that has one, with the contract summary as its help', () => {
    const manifest = JSON.parse(built('cli-manifest.json')) as { commands: { procedure: string; summary: string }[] };
    const expected = Object.entries(procedures).filter(([, spec]) => (spec as { cli?: unknown }).cli !== false);
    expect(manifest.commands.map((c) => c.procedure).sort()).toEqual(expected.map(([name]) => name).sort());
    for (const command of manifest.commands) expect(command.summary).toBe((procedures as Record<string, { summary: string }>)[command.procedure]!.summary);
  });
});
