import { redactSecrets, secretPrefixAtEnd } from './secret-values';

/**
 * SECURITY: redaction by value for text that arrives in arbitrary pieces (a terminal's output). Each piece
 * is redacted joined to what was held back before it, and the end that could be the start of a secret is
 * held back in turn, so a secret cut in two by a read boundary is still caught whole. `release()` lets the
 * held end go once the stream has been quiet for a moment (it was a prompt or an echo, not half a write).
 */
export class RedactingStream {
  private held = '';

  /** The redacted text that is safe to pass on now; what might start a secret waits for the next piece. */
  push(text: string): string {
    const redacted = redactSecrets(this.held + text);
    const keep = secretPrefixAtEnd(redacted);
    this.held = redacted.slice(redacted.length - keep);
    return redacted.slice(0, redacted.length - keep);
  }

  /** Whether some text is held back. */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /** The held text: only a proper prefix of a secret, which on its own gives the secret away no more than its first letters. */
  release(): string {
    const held = this.held;
    this.held = '';
    return held;
  }
}
