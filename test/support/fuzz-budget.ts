import type { Parameters } from 'fast-check';

/**
 * Fuzz runs bounded by time as well as count: on a fast machine all `numRuns` cases run; on a loaded
 * 2-core CI machine the run stops after `seconds` instead of tripping the test's timeout. A stopped run
 * still fails on any counterexample it found. The jest timeout to give such a test is `testTimeoutMs`.
 */
export function fuzzBudget(numRuns: number, seconds = 20): Parameters<unknown> {
  return { numRuns, interruptAfterTimeLimit: seconds * 1000, markInterruptAsFailure: false };
}

/** Room for a budgeted fuzz run plus its set-up and checks. */
export const fuzzTestTimeoutMs = (seconds = 20) => seconds * 1000 * 3;
