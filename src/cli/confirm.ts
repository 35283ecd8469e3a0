import { createInterface } from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal; with no terminal to ask, the answer is no. `withdrawn` takes
 * the question back (it was answered elsewhere, or its task stopped): the answer is then no.
 */
export async function confirm(question: string, withdrawn?: AbortSignal): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const asked = new AbortController();
  // On a terminal, Ctrl-C reaches readline, not the process. It is passed on at once (a signal sent to
  // ourselves arrives later, after the "no" below has already let the task go on), then ends the question.
  rl.once('SIGINT', () => {
    process.emit('SIGINT', 'SIGINT');
    asked.abort();
  });
  try {
    const signal = withdrawn ? AbortSignal.any([asked.signal, withdrawn]) : asked.signal;
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `, { signal })).trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
