import type { Turn } from './script';

/**
 * The turns not yet served. A request takes the first turn tagged with its model or untagged, so a
 * fallback test can script "model A fails, model B answers" without caring about the order of calls.
 */
export class TurnQueue {
  private readonly turns: Turn[] = [];

  push(...turns: Turn[]): void {
    this.turns.push(...turns);
  }

  /** Removes and returns the next turn for `model`, or undefined when none is left for it. */
  take(model: string | undefined): Turn | undefined {
    const at = this.turns.findIndex((turn) => turn.model === undefined || turn.model === model);
    return at === -1 ? undefined : this.turns.splice(at, 1)[0];
  }

  /** Drops every turn not served yet; returns how many. */
  clear(): number {
    return this.turns.splice(0).length;
  }

  get size(): number {
    return this.turns.length;
  }
}
