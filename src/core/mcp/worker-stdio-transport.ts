import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { deserializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { AuraError } from '../../shared/errors';
import type { MCP_WORKER_METHODS } from '../../shared/mcp';
import type { SandboxParams } from '../../shared/vm';
import type { WorkerClient } from '../workers/worker-client';

export interface StdioLaunch {
  session: string;
  sandbox: SandboxParams;
  sandboxed: boolean;
  command: string[];
  env: Record<string, string>;
}

/** How a server's process ended, as far as the worker could tell. */
export type ServerExit = { code: number | null; signal: string | null } | { error: AuraError };

/**
 * The SDK's `Transport` for a stdio server run by the MCP worker: the worker spawns it (in its sandbox) and
 * relays whole lines; this side parses them with the SDK's own `deserializeMessage` and sends the SDK's
 * messages back one a line. No protocol here: the SDK's `Client` does all of that over this pipe.
 */
export class WorkerStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Set once the process has ended: why. */
  exit: ServerExit | null = null;
  private readonly stop = new AbortController();
  private closed = false;
  private readonly queue: string[] = [];

  constructor(
    private readonly worker: () => WorkerClient<typeof MCP_WORKER_METHODS>,
    private readonly launch: StdioLaunch,
    private readonly onLog: (lines: string[]) => void,
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let started = false;
      this.worker()
        .call('mcp.run', this.launch, {
          signal: this.stop.signal,
          onProgress: (data) => {
            if (data.started && !started) {
              started = true;
              resolve();
            }
            if (data.log?.length) this.onLog(data.log);
            if (data.messages?.length) this.deliver(data.messages);
          },
        })
        .then(
          (result) => (this.exit = result),
          (err: unknown) => (this.exit = { error: err instanceof AuraError ? err : new AuraError('IO_ERROR', err instanceof Error ? err.message : String(err)) }),
        )
        .finally(() => {
          if (!started) reject('error' in this.exit! ? this.exit.error : new AuraError('IO_ERROR', 'The server stopped as it started.'));
          this.finish();
        });
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new AuraError('IO_ERROR', 'The server is not running.');
    const { sent } = await this.worker().call('mcp.send', { session: this.launch.session, messages: [JSON.stringify(message)] });
    if (!sent) throw new AuraError('IO_ERROR', 'The server is not running.');
  }

  async close(): Promise<void> {
    this.stop.abort();
    this.finish();
  }

  /**
   * Hands messages to the SDK in order, a turn of the microtask queue apart: the SDK runs a notification's
   * handler a microtask later, so a progress notification must be handled before the response that follows
   * it in the same batch ends its request.
   */
  private deliver(lines: string[]): void {
    const first = this.queue.length === 0;
    this.queue.push(...lines);
    if (first) void this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      this.receive(this.queue[0]!);
      await Promise.resolve();
      this.queue.shift();
    }
  }

  private receive(line: string): void {
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch {
      // Not a message (a server printing to stdout by mistake): into its log, not the protocol.
      this.onLog([`[stdout] ${line.length > 500 ? `${line.slice(0, 500)}…` : line}`]);
      return;
    }
    this.onmessage?.(message);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.();
  }
}
