import { APICallError } from 'ai';
import { AuraError } from '../../shared/errors';

export type FailureKind = 'retry' | 'fallback' | 'stop';

/**
 * What to do after a failed attempt: `retry` the same model after a back-off (rate limits, server
 * errors, timeouts, broken streams), `fallback` to the next model at once (bad key, unknown model,
 * request the model refuses), or `stop` (the user cancelled, or a budget ran out: no model would help).
 */
export function classify(err: unknown, userSignal: AbortSignal | undefined): FailureKind {
  if (userSignal?.aborted || err instanceof AuraError) return 'stop';
  // The SDK already marks 408/409/429/5xx retryable, and providers override it where they know better.
  if (APICallError.isInstance(err)) return err.isRetryable ? 'retry' : 'fallback';
  return 'retry';
}

/** The wait a server asked for in `retry-after` (seconds or an HTTP date), in ms, if any. */
export function retryAfterMs(err: unknown): number | null {
  if (!APICallError.isInstance(err)) return null;
  const value = err.responseHeaders?.['retry-after'];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** One line for the record and the user; never the request body or headers, which may hold keys. */
export function describeFailure(err: unknown): string {
  if (APICallError.isInstance(err)) return `HTTP ${err.statusCode ?? '?'}: ${err.message}`.slice(0, 300);
  if (err instanceof Error) return (err.message || err.name).slice(0, 300);
  return String(err).slice(0, 300);
}
