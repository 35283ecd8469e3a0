import { StringDecoder } from 'node:string_decoder';

/**
 * One command's output as it arrives from the shell: finds the end marker the shell prints after the
 * command (`\x1eAURA:<id>:<exit code>:<folder>\x1e`, with an id fresh per call so no output can fake it by
 * accident), hands out text to stream, and keeps the head and the tail of what it saw within a budget.
 */
export class OutputCapture {
  private readonly marker: Buffer;
  private pending = Buffer.alloc(0);
  private readonly decoder = new StringDecoder('utf8');
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private omitted = 0;
  private streamed = 0;
  private trailer: Buffer | null = null;
  private finished: { exitCode: number; cwd: string; rest: Buffer } | null = null;

  constructor(
    id: string,
    private readonly limits: { keepBytes: number; streamBytes: number },
  ) {
    this.marker = Buffer.from(`\x1eAURA:${id}:`);
  }

  /** The end of the command, once its marker has arrived: its exit code, folder, and output after it. */
  get done(): { exitCode: number; cwd: string; rest: Buffer } | null {
    return this.finished;
  }

  /** Takes a chunk of the shell's output; returns the text to stream now (may be ''). */
  push(chunk: Buffer): string {
    if (this.finished) {
      this.finished.rest = Buffer.concat([this.finished.rest, chunk]);
      return '';
    }
    if (this.trailer) return this.readTrailer(chunk);
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const at = data.indexOf(this.marker);
    if (at >= 0) {
      const text = this.keep(data.subarray(0, at));
      this.pending = Buffer.alloc(0);
      this.trailer = Buffer.alloc(0);
      const end = this.streamed < this.limits.streamBytes ? this.decoder.end() : '';
      return text + end + this.readTrailer(data.subarray(at + this.marker.length));
    }
    // The marker may be arriving in pieces: hold back as much as could be its start.
    const hold = Math.min(data.length, this.marker.length - 1);
    let cut = data.length - hold;
    while (cut < data.length && !this.marker.subarray(0, data.length - cut).equals(data.subarray(cut))) cut += 1;
    this.pending = Buffer.from(data.subarray(cut));
    return this.keep(data.subarray(0, cut));
  }

  private readTrailer(chunk: Buffer): string {
    const trailer = Buffer.concat([this.trailer ?? Buffer.alloc(0), chunk]);
    const end = trailer.indexOf(0x1e);
    if (end < 0) {
      this.trailer = trailer;
      return '';
    }
    const text = trailer.subarray(0, end).toString('utf8');
    const colon = text.indexOf(':');
    this.finished = { exitCode: Number.parseInt(text.slice(0, colon), 10) || 0, cwd: text.slice(colon + 1), rest: Buffer.from(trailer.subarray(end + 1)) };
    return '';
  }

  /** Stores the bytes within the budget and returns their text to stream, while streaming lasts. */
  private keep(bytes: Buffer): string {
    if (!bytes.length) return '';
    this.store(bytes);
    if (this.streamed >= this.limits.streamBytes) return '';
    const part = bytes.subarray(0, this.limits.streamBytes - this.streamed);
    this.streamed += part.length;
    let text = this.decoder.write(part);
    if (this.streamed >= this.limits.streamBytes) text += `${this.decoder.end()}\n[… streaming stopped here; the end of the output comes with the result …]\n`;
    return text;
  }

  /** The first quarter of the budget keeps the head; the rest keeps the newest output. */
  private store(bytes: Buffer): void {
    const headBudget = Math.floor(this.limits.keepBytes / 4);
    const tailBudget = this.limits.keepBytes - headBudget;
    if (this.headBytes < headBudget) {
      const part = bytes.subarray(0, headBudget - this.headBytes);
      this.head.push(Buffer.from(part));
      this.headBytes += part.length;
      bytes = bytes.subarray(part.length);
    }
    if (!bytes.length) return;
    this.tail.push(Buffer.from(bytes));
    this.tailBytes += bytes.length;
    while (this.tailBytes > tailBudget) {
      const first = this.tail[0] as Buffer;
      const over = this.tailBytes - tailBudget;
      if (first.length <= over) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[0] = first.subarray(over);
        this.tailBytes -= over;
        this.omitted += over;
      }
    }
  }

  /** Everything kept, with a note where output was dropped. */
  output(): { text: string; truncated: boolean } {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (!this.omitted) return { text: head + tail, truncated: false };
    return { text: `${head}\n[… ${this.omitted} bytes of output omitted …]\n${tail}`, truncated: true };
  }
}
