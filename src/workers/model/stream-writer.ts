import { randomUUID } from 'node:crypto';
import type { ChatEvents, ChatOutcome } from './run-chat';
import type { ModelStreamPart } from '../../shared/model-worker';

/**
 * Turns generation events into the AI SDK's stream parts: text and reasoning in start/delta/end blocks
 * (one open at a time), tool arguments as tool-input parts, then the complete tool calls and `finish`.
 */
export class StreamWriter implements ChatEvents {
  private open: { kind: 'text' | 'reasoning'; id: string } | undefined;
  private blocks = 0;
  private readonly callIds = new Map<number, string>();

  constructor(private readonly emit: (part: ModelStreamPart) => void) {}

  text(delta: string): void {
    this.delta('text', delta);
  }

  reasoning(delta: string): void {
    this.delta('reasoning', delta);
  }

  toolInputStart(index: number, toolName: string): void {
    this.closeBlock();
    this.emit({ type: 'tool-input-start', id: this.callId(index), toolName });
  }

  toolInputDelta(index: number, delta: string): void {
    this.emit({ type: 'tool-input-delta', id: this.callId(index), delta });
  }

  toolInputEnd(index: number): void {
    this.emit({ type: 'tool-input-end', id: this.callId(index) });
  }

  /** Closes what is open, then reports the tool calls and the finish. */
  finish(outcome: ChatOutcome): void {
    this.closeBlock();
    outcome.toolCalls.forEach((call, index) => this.emit({ type: 'tool-call', toolCallId: this.callId(index), toolName: call.toolName, input: call.input }));
    this.emit({ type: 'finish', finishReason: outcome.finishReason, usage: outcome.usage });
  }

  private delta(kind: 'text' | 'reasoning', delta: string): void {
    if (this.open?.kind !== kind) {
      this.closeBlock();
      this.open = { kind, id: `${kind}-${this.blocks++}` };
      this.emit({ type: `${kind}-start`, id: this.open.id });
    }
    this.emit({ type: `${kind}-delta`, id: this.open.id, delta });
  }

  private closeBlock(): void {
    if (!this.open) return;
    this.emit({ type: `${this.open.kind}-end`, id: this.open.id });
    this.open = undefined;
  }

  private callId(index: number): string {
    let id = this.callIds.get(index);
    if (!id) {
      id = `call-${randomUUID()}`;
      this.callIds.set(index, id);
    }
    return id;
  }
}
