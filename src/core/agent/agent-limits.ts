/** Bounds that keep a task from running away; every loop in the engine checks one of them. */
export interface AgentLimits {
  /** Model ↔ tool round trips within one step. */
  maxIterationsPerStep: number;
  /** Input + output tokens one step may spend. */
  maxTokensPerStep: number;
  /** Wall-clock time one step may take. */
  stepTimeoutMs: number;
  /** Review → revise → review rounds before the task fails. */
  maxRevisionRounds: number;
  /** Attempts to get a malformed plan or review repaired by the model. */
  maxRepairs: number;
  /** Failures of one tool in a row, with the same error, before the step stops for the user. */
  maxRepeatedToolErrors: number;
}

export const DEFAULT_LIMITS: AgentLimits = {
  maxIterationsPerStep: 12,
  maxTokensPerStep: 200_000,
  stepTimeoutMs: 10 * 60_000,
  maxRevisionRounds: 2,
  maxRepairs: 1,
  maxRepeatedToolErrors: 3,
};
