import type { ToolCallRecord } from '../../shared/tasks';

/**
 * Notices a tool that keeps failing the same way: a model retrying one broken call would otherwise
 * spend the step's whole budget on it. Any other outcome in between resets the count.
 */
export class RepeatedFailure {
  private last: string | null = null;
  private count = 0;

  constructor(private readonly limit: number) {}

  /** The repeated error's message once it has happened `limit` times in a row, else null. */
  note(record: ToolCallRecord): string | null {
    if (record.status !== 'failed' || !record.error) {
      this.last = null;
      this.count = 0;
      return null;
    }
    const signature = `${record.name}\u0000${record.error.code}\u0000${record.error.message}`;
    this.count = signature === this.last ? this.count + 1 : 1;
    this.last = signature;
    return this.count >= this.limit ? record.error.message : null;
  }
}
