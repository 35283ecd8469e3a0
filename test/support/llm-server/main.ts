// `npx tsx test/support/llm-server/main.ts --port 0 --script test/fixtures/llm/X.json [--models a,b]`
// Prints `LLM_URL=http://127.0.0.1:PORT/v1` once listening; more turns arrive through `POST /__script`.
import { parseArgs } from 'node:util';
import { readScriptFile } from './load-script';
import { startScriptedLlm, type ScriptedLlm } from './server';

/** Starts the server from command-line arguments and prints its URL on stdout. */
export async function serveScriptedLlm(argv: string[] = process.argv.slice(2)): Promise<ScriptedLlm> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string', default: '0' }, script: { type: 'string' }, models: { type: 'string' } } });
  const llm = await startScriptedLlm({
    port: Number(values.port),
    turns: values.script === undefined ? [] : readScriptFile(values.script),
    models: values.models?.split(',').filter(Boolean),
  });
  process.stdout.write(`LLM_URL=${llm.baseUrl}\n`);
  return llm;
}

if (require.main === module) {
  serveScriptedLlm().then(
    (llm) => {
      const stop = () => void llm.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
