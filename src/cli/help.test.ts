import { describe, expect, it } from '@jest/globals';
import { overallHelp } from './help';
import type { CommandSpec } from './manifest';

const command = (words: string[], args: string[], summary: string): CommandSpec => ({ words, procedure: words.join('.'), summary, args, rest: false, follow: false, options: [] });

describe('overallHelp', () => {
  it('keeps a space between every command and its summary, a long one taking a line of its own', () => {
    const help = overallHelp({ version: '1.0.0', commands: [command(['approvals', 'answer'], ['toolCallId', 'decision'], 'Answer a waiting tool call'), command(['vault', 'lock'], [], 'Lock the vault')] });
    const lines = help.split('\n');
    const long = lines.findIndex((line) => line.includes('approvals answer TOOLCALLID DECISION'));
    expect(lines[long]?.trim()).toBe('approvals answer TOOLCALLID DECISION');
    expect(lines[long + 1]).toMatch(/^\s{20,}Answer a waiting tool call$/);
    expect(lines.find((line) => line.includes('vault lock'))).toMatch(/^ {2}vault lock {2,}Lock the vault$/);
  });
});
