import { createInterface } from 'node:readline/promises';

/** What the terminal answered: the contract's decision, and with `deny` the user's note for the agent. */
export interface TerminalAnswer {
  decision: 'once' | 'task' | 'always' | 'deny';
  note?: string;
}

const KEYS: Record<string, TerminalAnswer['decision']> = { y: 'once', yes: 'once', t: 'task', a: 'always', n: 'deny', no: 'deny', '': 'deny' };

/** The question's last words, which a script driving a terminal can wait for. */
export const APPROVAL_CHOICES = '[y/t/a/N]';
export const NOTE_QUESTION = 'Note for the agent (optional, Enter for none): ';

/**
 * Asks on the terminal how to answer a waiting call: y once, t for the rest of this task, a always (a rule in
 * the profile), n (the default) no, then an optional note the agent reads. With no terminal the answer is no;
 * `withdrawn` takes the question back (answered elsewhere, or the task stopped), and the answer is then no.
 */
export async function askApproval(question: string, withdrawn?: AbortSignal): Promise<TerminalAnswer> {
  if (!process.stdin.isTTY) return { decision: 'deny' };
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const asked = new AbortController();
  // As in confirm(): Ctrl-C reaches readline, not the process; it is passed on at once, then ends the question.
  rl.once('SIGINT', () => {
    process.emit('SIGINT', 'SIGINT');
    asked.abort();
  });
  const signal = withdrawn ? AbortSignal.any([asked.signal, withdrawn]) : asked.signal;
  try {
    for (;;) {
      const key = (await rl.question(`${question}\n  y once · t for this task · a always (adds a rule) · n no ${APPROVAL_CHOICES} `, { signal })).trim().toLowerCase();
      const decision = KEYS[key];
      if (!decision) continue;
      if (decision !== 'deny') return { decision };
      const note = (await rl.question(NOTE_QUESTION, { signal })).trim().slice(0, 2000);
      return note ? { decision, note } : { decision };
    }
  } catch {
    return { decision: 'deny' };
  } finally {
    rl.close();
  }
}
