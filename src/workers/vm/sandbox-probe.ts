import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxParams, SandboxProbe } from '../../shared/vm';
import { FileHelper } from './file-helper';
import type { SandboxTools } from './sandbox-process';
import { ShellSession } from './shell-session';

/**
 * The worker's self-test, once at its first use: a sandbox is only reported when a command really ran in
 * one (bubblewrap installed is not enough: user namespaces may be disabled, or forbidden by AppArmor).
 * Anything short of that reports `none` with the reason, and the host then asks before every command.
 */
export async function probeSandbox(tools: SandboxTools, bash: string | null, perl: string | null, home: string, missing = 'bubblewrap is not installed (on Debian and Ubuntu: sudo apt install bubblewrap).'): Promise<SandboxProbe> {
  const processLimit = tools.limiter.kind;
  if (process.platform !== 'linux') {
    const reason = process.platform === 'darwin' ? 'Commands are not sandboxed on macOS yet (sandbox-exec support is still to come).' : `Commands cannot be sandboxed on ${process.platform}.`;
    return { sandbox: 'none', reason, files: 'host', filesReason: reason, processLimit: 'none' };
  }
  if (!bash) return { sandbox: 'none', reason: 'bash was not found in /usr/bin or /bin.', files: 'host', filesReason: 'No sandbox.', processLimit };
  if (!tools.bwrap) return { sandbox: 'none', reason: missing, files: 'host', filesReason: missing, processLimit };
  const base = mkdtempSync(join(tmpdir(), 'aura-vm-probe-'));
  const workspace = join(base, 'ws');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'probe.txt'), 'ok');
  const params: SandboxParams = { roots: [workspace], network: false, extraWritable: [], extraReadable: [], home, dataDir: join(base, 'data') };
  try {
    const shell = new ShellSession(params, tools, bash);
    let shellFailure: string | null = null;
    try {
      // An external program, not a builtin: a process limit that leaves no room to fork must show here.
      const result = await shell.run('/bin/true && echo ok', { timeoutMs: 15_000 });
      if (result.exitCode !== 0 || result.output.trim() !== 'ok') shellFailure = result.output.trim() || `exit code ${result.exitCode}`;
    } catch (err) {
      shellFailure = err instanceof Error ? err.message : String(err);
    } finally {
      await shell.close();
    }
    if (shellFailure) {
      const reason = `bubblewrap could not start a sandbox: ${shellFailure.slice(0, 300)}`;
      return { sandbox: 'none', reason, files: 'host', filesReason: reason, processLimit };
    }
    const limitNote = processLimit === 'none' ? tools.limiter.reason : null;
    if (!perl) return { sandbox: 'bubblewrap', reason: limitNote, files: 'host', filesReason: 'perl was not found, so the file tools read and write from the host process.', processLimit };
    const helper = new FileHelper(params, tools, perl);
    try {
      const read = await helper.read(join(workspace, 'probe.txt'), 100);
      if (read.kind !== 'file' || read.text !== 'ok') throw new Error(`it read ${read.kind}`);
      return { sandbox: 'bubblewrap', reason: limitNote, files: 'sandbox', filesReason: null, processLimit };
    } catch (err) {
      return { sandbox: 'bubblewrap', reason: limitNote, files: 'host', filesReason: `The sandboxed file helper failed (${err instanceof Error ? err.message.slice(0, 200) : String(err)}), so the file tools read and write from the host process.`, processLimit };
    } finally {
      await helper.close();
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
