import { CliError } from './cli-error';

/**
 * SECURITY: passwords and secret values never come from argv (every process on the machine can read it).
 * A password comes from AURA_VAULT_PASSWORD (AURA_VAULT_NEW_PASSWORD for a new one) or is asked on the
 * terminal without echo; a secret value comes from stdin when stdin is not a terminal, else it is asked.
 */

const MAX_STDIN_BYTES = 64 * 1024;

/** Asks on the terminal without echoing what is typed. */
export async function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new CliError('BAD_REQUEST', 'There is no terminal to ask on.', 'Set AURA_VAULT_PASSWORD (and AURA_VAULT_NEW_PASSWORD for a new password) for scripts.');
  // Echo off before the prompt shows: what is typed as soon as it appears is never echoed.
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let text = '';
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new CliError('CANCELLED', 'Cancelled.'));
          return;
        }
        text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A vault password: from the environment variable `envName`, else asked (twice for a new one, which must match). */
export async function vaultPassword(env: NodeJS.ProcessEnv, envName: 'AURA_VAULT_PASSWORD' | 'AURA_VAULT_NEW_PASSWORD', isNew: boolean): Promise<string> {
  const fromEnv = env[envName];
  if (fromEnv) return fromEnv;
  if (!isNew) return askHidden('Vault password: ');
  const first = await askHidden('New vault password: ');
  if ((await askHidden('Repeat it: ')) !== first) throw new CliError('BAD_REQUEST', 'The two passwords differ.', 'Run the command again.');
  return first;
}

/** A secret's value: stdin when it is not a terminal (`printf %s "$KEY" | aura vault set NAME`), else asked. */
export async function secretValue(): Promise<string> {
  if (process.stdin.isTTY) return askHidden('Value (not shown): ');
  const value = await readStdin();
  if (!value) throw new CliError('BAD_REQUEST', 'No value came on stdin.', 'For example: printf %s "$OPENAI_API_KEY" | aura vault set openai');
  return value;
}

/**
 * A secret that may be left out (a provider account's API key): the environment variable `envName`, else
 * stdin when it is not a terminal, else asked without echo; an empty answer or empty stdin means none.
 */
export async function optionalSecret(env: NodeJS.ProcessEnv, envName: string, question: string): Promise<string | undefined> {
  const value = env[envName] ?? (process.stdin.isTTY ? await askHidden(question) : await readStdin());
  return value.trim() ? value.trim() : undefined;
}

/** All of stdin, bounded; one final newline is the shell's (echo), not the secret's. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_STDIN_BYTES) throw new CliError('BAD_REQUEST', `The value on stdin is longer than ${MAX_STDIN_BYTES} bytes.`, 'A vault item holds one key or token.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
