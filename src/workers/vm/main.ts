// The VM worker, built to dist/workers/vm.js: every shell command and every file-tool read and write of
// the agent runs from here, inside a bubblewrap sandbox (src/workers/vm/sandbox-policy.ts). A worker is
// isolation, not a sandbox: nothing here touches the workspace except through one.
import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { AuraError } from '../../shared/errors';
import { TERMINAL_WORKER_METHODS } from '../../shared/terminal';
import { SHELL_LIMITS, VM_METHODS, type SandboxParams, type SandboxProbe } from '../../shared/vm';
import { serveWorker } from '../worker-runtime';
import { FileHelper } from './file-helper';
import { createProcessLimiter } from './process-limit';
import { systemProgram } from './sandbox-facts';
import type { SandboxTools } from './sandbox-process';
import { probeSandbox } from './sandbox-probe';
import { ShellSession } from './shell-session';
import type { SpawnPty } from './terminal-session';
import { terminalHandlers } from './terminal-sessions';
import { cachedUnlessFailed, Keyed } from './worker-cache';

/** A shell or file helper nobody used for this long is ended (a task that stopped, a CLI one-off). */
const IDLE_MS = 30 * 60_000;
/** Streamed output is sent in pieces of about this size, or after this long: not one message per line. */
const CHUNK_BYTES = 16 * 1024;
const CHUNK_MS = 30;

// AURA_VM_SANDBOX=none runs as if bubblewrap were missing: every command then asks first. It can only
// make things stricter, so it is safe to honour; the tests of that mode use it.
const turnedOff = process.env.AURA_VM_SANDBOX === 'none';
const bwrap = turnedOff ? null : systemProgram('bwrap');
const bash = systemProgram('bash');
const perl = systemProgram('perl');
const limiter = createProcessLimiter(SHELL_LIMITS.processes);
// Options newer bubblewraps have, used where this one has them.
const bwrapHelp = bwrap === null ? '' : spawnSync(bwrap, ['--help'], { encoding: 'utf8' }).stdout;
const disableUserns = bwrapHelp.includes('--disable-userns');
const sizedTmpfs = bwrapHelp.includes('--size');
/** The self-test, run once; a failure (no room in /tmp for its folder) is tried again at the next call. */
const probe: () => Promise<SandboxProbe> = cachedUnlessFailed(
  () => probeSandbox(baseTools(bwrap), bash, perl, process.env.HOME || homedir(), turnedOff ? 'The sandbox is turned off for this run (AURA_VM_SANDBOX=none).' : undefined),
  (err) => new AuraError('IO_ERROR', `The sandbox self-test could not run: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`, `Check that ${tmpdir()} exists, is writable and has free space, then try again.`),
);

function baseTools(sandbox: string | null): SandboxTools {
  return { bwrap: sandbox, disableUserns, sizedTmpfs, limiter, path: process.env.PATH || '/usr/local/bin:/usr/bin:/bin', lang: process.env.LANG || 'C.UTF-8' };
}

const shells = new Keyed<ShellSession>(IDLE_MS);
const helpers = new Keyed<FileHelper>(IDLE_MS);

async function helperFor(sandbox: SandboxParams): Promise<FileHelper> {
  const probed = await probe();
  if (probed.files !== 'sandbox' || !perl) throw new AuraError('IO_ERROR', probed.filesReason ?? 'The sandboxed file helper is not available.');
  // One helper per workspace: network and extra folders do not matter to it.
  const key = JSON.stringify([sandbox.roots, sandbox.home, sandbox.dataDir]);
  return helpers.get(key, key, () => new FileHelper({ ...sandbox, network: false, extraWritable: [], extraReadable: [] }, baseTools(bwrap), perl)).item;
}

/** Progress in pieces: at most one message per CHUNK_MS, or sooner once CHUNK_BYTES have gathered. */
function chunker(send: (chunk: string) => void): { push(text: string): void; flush(): void } {
  let buffered = '';
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (buffered) send(buffered);
    buffered = '';
  };
  return {
    push(text) {
      buffered += text;
      if (buffered.length >= CHUNK_BYTES) flush();
      else timer ??= setTimeout(flush, CHUNK_MS);
    },
    flush,
  };
}

// The Terminal page's shells (terminal-sessions.ts): the same sandbox, on a pty; node-pty loads with the first.
let pty: Promise<SpawnPty> | undefined;
const terminals = terminalHandlers({
  async sandboxTools() {
    const probed = await probe();
    if (probed.sandbox !== 'bubblewrap' || !bash) return { tools: null, reason: probed.reason ?? 'no sandbox.' };
    return { tools: baseTools(bwrap), bash };
  },
  loadPty: () =>
    (pty ??= import('node-pty').then(
      (module) => module.spawn as SpawnPty,
      (err: unknown) => {
        pty = undefined;
        throw err;
      },
    )),
});

serveWorker({ ...VM_METHODS, ...TERMINAL_WORKER_METHODS }, {
  ...terminals,
  'vm.probe': () => probe(),
  async 'shell.run'({ session, sandbox, command, cwd, timeoutMs }, { signal, progress }) {
    if (!bash) throw new AuraError('IO_ERROR', 'bash was not found in /usr/bin or /bin.');
    const sandboxed = (await probe()).sandbox === 'bubblewrap';
    // While a command runs its shell is not idle: `use` holds the idle timer until the call is over.
    return shells.use(session, JSON.stringify([sandbox, sandboxed]), () => new ShellSession(sandbox, baseTools(sandboxed ? bwrap : null), bash), async (shell, replaced) => {
      const stream = chunker((chunk) => progress({ chunk }));
      try {
        const result = await shell.run(command, { ...(cwd ? { cwd } : {}), timeoutMs, signal, onChunk: (text) => stream.push(text) });
        return replaced && !result.note ? { ...result, note: 'The sandbox settings changed, so a new shell was started: the folder and variables set by earlier commands are gone.' } : result;
      } finally {
        stream.flush();
      }
    });
  },
  async 'shell.close'({ session }) {
    return { closed: await shells.close(session) };
  },
  async 'files.read'({ sandbox, path, maxBytes }) {
    return (await helperFor(sandbox)).read(path, maxBytes);
  },
  async 'files.write'({ sandbox, path, content }) {
    return (await helperFor(sandbox)).write(path, content);
  },
  async 'files.list'({ sandbox, path }) {
    return (await helperFor(sandbox)).list(path);
  },
  async 'files.readMany'({ sandbox, paths, maxBytes }) {
    return { texts: await (await helperFor(sandbox)).readMany(paths, maxBytes) };
  },
});
