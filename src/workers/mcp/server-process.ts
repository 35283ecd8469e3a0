import { MCP_LIMITS, type McpServerOutput } from '../../shared/mcp';
import type { SandboxParams } from '../../shared/vm';
import { CLOSE_INHERITED_FDS, SandboxProcess, type SandboxTools } from '../vm/sandbox-process';
import { LineRelay } from './line-relay';

/** Bytes of messages a server may send per second before its stdout is paused for the rest of the second. */
const MESSAGE_BYTES_PER_SECOND = 32 * 1024 * 1024;

export interface ServerProcessOptions {
  sandbox: SandboxParams;
  tools: SandboxTools;
  bash: string;
  command: string[];
  env: Record<string, string>;
  output(data: McpServerOutput): void;
}

/**
 * One stdio MCP server: its command under bash (which first closes every descriptor the worker inherited, and
 * sets the process limit), in the sandbox unless the user granted it to run outside (then `tools.bwrap` is
 * null). Stdout is its messages, one a line; stderr is its log, rate-limited; anything it floods either with
 * is dropped or slowed, never buffered without bound.
 */
export class ServerProcess {
  private readonly process: SandboxProcess;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;

  constructor(options: ServerProcessOptions) {
    const script = `${CLOSE_INHERITED_FDS}\n${options.tools.limiter.shellPrelude}\nexec "$@"`;
    this.process = new SandboxProcess(options.sandbox, options.tools, {
      proc: true,
      network: options.sandbox.network,
      command: [options.bash, '--noprofile', '--norc', '-c', script, 'mcp-server', ...options.command],
      env: options.env,
    });
    const { child } = this.process;
    const messages = new LineRelay({
      maxLineChars: MCP_LIMITS.messageChars,
      onLines: (lines) => options.output({ messages: lines }),
      onDropped: (chars) => log.note(`A message of ${chars} characters was dropped: messages are limited to ${MCP_LIMITS.messageChars}.`),
    });
    const log = stderrLog(options.output);
    let windowStart = Date.now();
    let windowBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      messages.push(chunk);
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        windowBytes = 0;
      }
      windowBytes += chunk.length;
      if (windowBytes > MESSAGE_BYTES_PER_SECOND) {
        // Backpressure: the server's writes block until we read again.
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 1000 - (now - windowStart)).unref();
      }
    });
    child.stdout.on('end', () => messages.end());
    const stderr = new LineRelay({ maxLineChars: MCP_LIMITS.logLineChars * 4, onLines: (lines) => log.lines(lines), onDropped: () => log.note('A very long line of its log was dropped.') });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stderr.on('end', () => stderr.end());
    this.exited = this.process.exited.then(({ code, signal }) => {
      messages.flush();
      log.flush();
      return { code, signal };
    });
  }

  get alive(): boolean {
    return this.process.alive;
  }

  /** Writes messages to its stdin; false when it is gone. */
  send(messages: string[]): boolean {
    if (!this.alive) return false;
    return void this.process.child.stdin.write(messages.map((message) => `${message}\n`).join('')), true;
  }

  kill(): Promise<void> {
    return this.process.kill();
  }
}

/** A server's stderr as log lines: cut to a readable length, at most so many a second, the rest counted. */
function stderrLog(output: (data: McpServerOutput) => void): { lines(lines: string[]): void; note(text: string): void; flush(): void } {
  let second = 0;
  let sent = 0;
  let dropped = 0;
  const flush = () => {
    if (!dropped) return;
    output({ log: [`[aura] ${dropped} more lines of its log were dropped (more than ${MCP_LIMITS.logLinesPerSecond} a second).`] });
    dropped = 0;
  };
  return {
    lines(lines) {
      const now = Math.floor(Date.now() / 1000);
      if (now !== second) {
        flush();
        second = now;
        sent = 0;
      }
      const room = Math.max(0, MCP_LIMITS.logLinesPerSecond - sent);
      const kept = lines.slice(0, room).map((line) => (line.length > MCP_LIMITS.logLineChars ? `${line.slice(0, MCP_LIMITS.logLineChars)}…` : line));
      sent += kept.length;
      dropped += lines.length - kept.length;
      if (kept.length) output({ log: kept });
    },
    note: (text) => output({ log: [`[aura] ${text}`] }),
    flush,
  };
}
