import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { SHELL_LIMITS, type SandboxParams } from '../../shared/vm';
import { gitProtections, type GitStart } from './git-guard';
import type { ProcessLimiter } from './process-limit';
import { checkedFolders, secretMasks, systemLayout } from './sandbox-facts';
import { bwrapArgs } from './sandbox-policy';

/** What starting a sandbox needs besides its parameters: the programs found and the process limit. */
export interface SandboxTools {
  /** Null where there is no sandbox: commands then run as plain processes, each one approved first. */
  bwrap: string | null;
  /** Whether that bubblewrap knows `--disable-userns` (0.8 and later). */
  disableUserns: boolean;
  /** Whether that bubblewrap knows `--size` for a tmpfs (0.7 and later). */
  sizedTmpfs: boolean;
  limiter: ProcessLimiter;
  /** The worker's PATH and LANG, passed on so programs are found as in the user's terminal. */
  path: string;
  lang: string;
}

export interface SandboxOptions {
  proc: boolean;
  network: boolean;
  command: string[];
  cwd?: string;
  /** Variables the user set for this command (an MCP server's), on top of the sandbox's own. */
  env?: Record<string, string>;
}

/**
 * SECURITY: bash lines that close every descriptor above 2 the shell inherited. Node leaves descriptors the
 * host process inherited without close-on-exec open in its children, and bubblewrap passes them on: a file
 * or socket of the host would otherwise be open inside the sandbox. Run first, before the shell opens any
 * of its own; needs the sandbox's /proc.
 */
export const CLOSE_INHERITED_FDS = 'for __aura_fd in /proc/$$/fd/*; do __aura_fd=${__aura_fd##*/}; (( __aura_fd > 2 )) && builtin eval "exec ${__aura_fd}>&-"; done; unset __aura_fd';

/** A sandboxed command line, ready to spawn: argv (bubblewrap's, or the bare command without one), env, cwd. */
export interface SandboxCommand {
  argv: string[];
  /** The whole environment inside the sandbox (or of the bare command). */
  env: Record<string, string>;
  cwd: string;
  /** Frees the process limit's resources once the command has exited. */
  release(): void;
  /** The git folders as they were at start, for checkGitAfter; null without a sandbox. */
  git?: GitStart | null;
}

/**
 * The command line that runs `options.command` in the sandbox of `params`: used by SandboxProcess, and by
 * the Terminal (terminal-session.ts), which runs it on a pty of its own (`terminal`: a real TERM, and no
 * `--new-session`, so the shell gets the pty as its controlling terminal; see sandbox-policy.ts).
 */
export function sandboxCommand(params: SandboxParams, tools: SandboxTools, options: SandboxOptions & { infoFd?: number; terminal?: boolean }): SandboxCommand {
  const folders = checkedFolders(params);
  const writable = [...folders.writable, ...folders.roots];
  const env: Record<string, string> = {
    PATH: tools.path,
    HOME: params.home,
    LANG: tools.lang,
    TERM: options.terminal ? 'xterm-256color' : 'dumb',
    TMPDIR: '/tmp',
    SHELL: '/bin/bash',
    // Nothing in the sandbox can answer a prompt or page through output.
    ...(options.terminal ? {} : { PAGER: 'cat', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' }),
    ...options.env,
    AURA_SANDBOX: tools.bwrap ? '1' : '0',
  };
  const cwd = options.cwd ?? (folders.roots[0] as string);
  if (!tools.bwrap) return { argv: options.command, env, cwd, release: () => undefined, git: null };
  const git = gitProtections(writable, params.home);
  const plan = {
    system: systemLayout(),
    home: params.home,
    writable,
    readable: folders.readable,
    masks: secretMasks(params, [...folders.readable, ...writable]),
    gitDirs: git.gitDirs,
    readOnly: git.readOnly,
    network: options.network,
    disableUserns: tools.disableUserns,
    tmpfsBytes: tools.sizedTmpfs ? { tmp: SHELL_LIMITS.tmpBytes, home: SHELL_LIMITS.homeBytes } : null,
    proc: options.proc,
    ownTerminal: options.terminal === true,
    env,
    cwd,
    ...(options.infoFd === undefined ? {} : { infoFd: options.infoFd }),
    command: options.command,
  };
  const wrapped = tools.limiter.wrap([tools.bwrap, ...bwrapArgs(plan)]);
  return { argv: wrapped.argv, env, cwd, release: wrapped.release, git: git.start };
}

/**
 * One running sandbox: bubblewrap and whatever runs inside it. Killing it kills the sandbox's pid-1 (the
 * host pid bubblewrap reports on its info fd): the kernel then kills every process of its pid namespace,
 * grandchildren and `setsid` daemons included, before bubblewrap sees it go. `exited` settles only after
 * that, with the pipes closed.
 */
export class SandboxProcess {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private initPid: number | null = null;
  private stderrText = '';
  private release: () => void;
  private readonly grouped: boolean;
  /** The git folders as they were when this sandbox started (see checkGitAfter). */
  readonly git: GitStart | null;

  constructor(params: SandboxParams, tools: SandboxTools, options: SandboxOptions) {
    const { argv, env, cwd, release, git } = sandboxCommand(params, tools, { ...options, infoFd: 3 });
    this.release = release;
    this.git = git ?? null;
    // Without a sandbox the command leads a process group of its own, so a kill reaches what it started
    // (all but what left the group with setsid: one more reason a sandbox is asked for).
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: tools.bwrap ? {} : env, cwd, detached: !tools.bwrap });
    this.grouped = !tools.bwrap;
    this.child = child as unknown as ChildProcessByStdio<Writable, Readable, Readable>;
    let info = '';
    const infoStream = child.stdio[3] as Readable;
    infoStream.on('data', (chunk: Buffer) => {
      info += chunk.toString('utf8');
      // Read once: nothing later on this descriptor may move which process a kill is sent to.
      const pid = /"child-pid":\s*(\d+)/.exec(info)?.[1];
      if (pid && this.initPid === null) this.initPid = Number(pid);
    });
    infoStream.on('error', () => undefined);
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderrText.length < 4000) this.stderrText += chunk.toString('utf8');
    });
    // A write to a shell that died is reported by `exited`, not as an unhandled stream error.
    this.child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        this.release();
        resolve({ code, signal });
      });
      child.once('error', () => {
        this.release();
        resolve({ code: null, signal: null });
      });
    });
  }

  /** What bubblewrap said before the command ran (why it could not start), trimmed. */
  get stderr(): string {
    return this.stderrText.trim();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Kills everything in the sandbox and waits until it is all gone. */
  async kill(): Promise<void> {
    if (this.alive) {
      // Not bubblewrap as well: it must outlive its child, so that its exit means everything is gone.
      if (this.grouped && this.child.pid !== undefined) {
        try {
          process.kill(-this.child.pid, 'SIGKILL');
        } catch {
          this.child.kill('SIGKILL');
        }
      } else if (this.initPid === null) this.child.kill('SIGKILL');
      else {
        try {
          process.kill(this.initPid, 'SIGKILL');
        } catch {
          this.child.kill('SIGKILL');
        }
      }
    }
    await this.exited;
  }
}
