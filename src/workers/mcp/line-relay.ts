import { StringDecoder } from 'node:string_decoder';

export interface LineRelayOptions {
  /** A line longer than this is dropped (its length reported through `onDropped`), not buffered for ever. */
  maxLineChars: number;
  /** Lines handed on per `flush`; a flood waits for the next one instead of growing one batch without end. */
  onLines(lines: string[]): void;
  onDropped(chars: number): void;
}

/**
 * Splits a byte stream into lines (MCP's stdio framing: one JSON-RPC message a line, `\n`, an optional
 * `\r` before it) and hands them on in batches, once per turn of the event loop: one message to the
 * host for many small lines, and nothing held back longer than that.
 */
export class LineRelay {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  /** The current line is past the limit: its remaining text is skipped up to its end. */
  private skipping = 0;
  private batch: string[] = [];
  private scheduled = false;

  constructor(private readonly options: LineRelayOptions) {}

  push(chunk: Buffer): void {
    let text = this.decoder.write(chunk);
    while (text.length) {
      const newline = text.indexOf('\n');
      const piece = newline < 0 ? text : text.slice(0, newline);
      text = newline < 0 ? '' : text.slice(newline + 1);
      if (this.skipping) {
        this.skipping += piece.length;
      } else if (this.partial.length + piece.length > this.options.maxLineChars) {
        this.skipping = this.partial.length + piece.length;
        this.partial = '';
      } else {
        this.partial += piece;
      }
      if (newline < 0) break;
      this.endLine();
    }
  }

  /** The stream ended: a last line without its newline still counts. */
  end(): void {
    this.partial += this.decoder.end();
    if (this.partial || this.skipping) this.endLine();
    this.flush();
  }

  flush(): void {
    this.scheduled = false;
    if (!this.batch.length) return;
    const lines = this.batch;
    this.batch = [];
    this.options.onLines(lines);
  }

  private endLine(): void {
    if (this.skipping) {
      this.options.onDropped(this.skipping);
      this.skipping = 0;
      return;
    }
    const line = this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial;
    this.partial = '';
    if (!line.trim()) return;
    this.batch.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }
}
