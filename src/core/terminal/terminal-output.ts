import { TERMINAL_LIMITS } from '../../shared/terminal';
import { RedactingStream } from '../secrets/redacting-stream';

/** Batches without new output after which held text is let go. */
const QUIET_BATCHES = 2;

export interface TerminalOutputOptions {
  /** How often a batch is sent. */
  batchMs: number;
  /** Output kept for a page that attaches again. */
  scrollbackChars: number;
}

/**
 * One terminal's output on its way to the pages: redacted by value (secrets cut by a chunk boundary
 * included); sent at once after a quiet spell, else gathered into one `terminal.data` per `batchMs`, so
 * a flood is a few dozen messages a second; and kept as a scrollback of the last `scrollbackChars`
 * characters, which is exactly the text sent so far (its end at `offset`), so a page that attaches
 * replays it and then skips the events it already holds.
 */
export class TerminalOutput {
  private readonly redactor = new RedactingStream();
  private pending = '';
  private scrollback = '';
  private sent = 0;
  private lastSent = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  /** Batches in a row without new output: held text is let go after two (32 ms), when no rest is coming. */
  private quiet = 0;
  private closed = false;

  constructor(
    private readonly send: (data: string, offset: number) => void,
    private readonly options: TerminalOutputOptions = { batchMs: TERMINAL_LIMITS.batchMs, scrollbackChars: TERMINAL_LIMITS.scrollbackChars },
  ) {}

  write(text: string): void {
    if (this.closed || !text) return;
    this.pending += this.redactor.push(text);
    this.quiet = 0;
    if (this.timer) return;
    // The first output after a quiet spell goes at once (a keystroke's echo is not held back); more within
    // the same batchMs waits for the batch.
    const wait = this.lastSent + this.options.batchMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => this.flush(), wait);
      return;
    }
    this.emit();
    if (this.redactor.holding) this.timer = setTimeout(() => this.flush(), this.options.batchMs);
  }

  /** What a page attaching now replays: the output sent so far (at most the scrollback), and where it ends. */
  snapshot(): { scrollback: string; offset: number } {
    return { scrollback: this.scrollback, offset: this.sent };
  }

  /** Sends what is left, held text included, and takes no more. */
  close(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending += this.redactor.release();
    this.emit();
    this.closed = true;
  }

  private flush(): void {
    this.timer = undefined;
    // The rest of a secret cut by a read (or by the worker's pacing) follows within a batch; an echo or a
    // prompt that merely starts like one waits a few tens of milliseconds at most.
    if (this.redactor.holding && this.quiet >= QUIET_BATCHES) this.pending += this.redactor.release();
    this.quiet += 1;
    this.emit();
    if (this.redactor.holding) this.timer = setTimeout(() => this.flush(), this.options.batchMs);
  }

  private emit(): void {
    if (!this.pending) return;
    const data = this.pending;
    this.pending = '';
    this.lastSent = Date.now();
    this.sent += data.length;
    this.scrollback += data;
    // Trimmed in steps, not on every batch: a flood would otherwise copy the whole scrollback 60 times a second.
    if (this.scrollback.length > this.options.scrollbackChars * 1.25) this.scrollback = trimStart(this.scrollback, this.options.scrollbackChars);
    this.send(data, this.sent);
  }
}

/**
 * The last `max` characters of `text`, starting at a line where one begins soon after the cut, so the
 * replay does not open inside an escape sequence or half a character.
 */
export function trimStart(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.length - max;
  const newline = text.indexOf('\n', cut);
  if (newline !== -1 && newline - cut < 4096) cut = newline + 1;
  else if (isLowSurrogate(text.charCodeAt(cut))) cut += 1;
  return text.slice(cut);
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
