import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cliEnv } from './aura-cli';
import { REPO_ROOT } from './launch-host';

/** Every question the CLI asks on a terminal ends with one of these: yes/no, an approval's choices, a note. */
export const QUESTION = /\[y\/N\]|\[y\/t\/a\/N\]|Note for the agent \(optional, Enter for none\): /g;

/** Runs the built bin on a pseudo-terminal (util-linux `script`), giving one answer per question it asks. */
export function auraOnTerminal(home: string, answers: string[], ...argv: string[]): Promise<{ code: number | null; out: string }> {
  const command = [process.execPath, join(REPO_ROOT, 'dist', 'cli.js'), ...argv].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...cliEnv(home), TERM: 'dumb' } });
  let out = '';
  let asked = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const questions = out.match(QUESTION)?.length ?? 0;
    while (asked < questions && asked < answers.length) child.stdin.write(`${answers[asked++]}\n`);
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out })));
}
