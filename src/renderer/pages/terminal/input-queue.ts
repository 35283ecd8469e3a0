/**
 * Keystrokes on their way to the shell: one write in flight at a time, so they arrive in the order typed
 * whatever the transport does, and what is typed meanwhile goes together in the next write (a fast typist
 * or a paste costs a few calls, not one per character), in pieces of at most `maxChars`.
 */
export class InputQueue {
  private queued = '';
  private sending = false;

  constructor(
    private readonly send: (data: string) => Promise<unknown>,
    private readonly maxChars: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  push(data: string): void {
    this.queued += data;
    void this.drain();
  }

  /** Drops what has not been sent (the terminal closed under it). */
  clear(): void {
    this.queued = '';
  }

  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queued) {
        let cut = Math.min(this.queued.length, this.maxChars);
        // Never between the two halves of a surrogate pair.
        const code = this.queued.charCodeAt(cut - 1);
        if (cut < this.queued.length && code >= 0xd800 && code <= 0xdbff) cut -= 1;
        const piece = this.queued.slice(0, cut);
        this.queued = this.queued.slice(cut);
        try {
          await this.send(piece);
        } catch (err) {
          this.queued = '';
          this.onError(err);
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
