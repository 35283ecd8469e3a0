import { APICallError } from 'ai';
import { AuraError, type ErrorCode } from '../../shared/errors';
import { capRedacted } from '../secrets/secret-values';

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
  if (APICallError.isInstance(err)) return capRedacted(`HTTP ${err.statusCode ?? '?'}: ${err.message}`, 300);
  if (err instanceof Error) return capRedacted(err.message || err.name, 300);
  return capRedacted(String(err), 300);
}

const CONTEXT_PATTERNS = /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long|input is too long|context_length_exceeded|reduce the length/i;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function systemCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
  return systemCode((err as { cause?: unknown }).cause, depth + 1);
}

/** The cause of a failed model call, as the error code every surface translates. */
export function failureCode(err: unknown): ErrorCode {
  if (err instanceof AuraError) return err.code;
  if (err instanceof Error && err.name === 'TimeoutError') return 'TIMEOUT';
  if (APICallError.isInstance(err)) {
    const status = err.statusCode;
    if (status === 401 || status === 403) return 'PROVIDER_AUTH';
    if (status === 429) return 'RATE_LIMITED';
    if (status === 413 || CONTEXT_PATTERNS.test(`${err.message} ${err.responseBody ?? ''}`)) return 'CONTEXT_TOO_LONG';
    if (status === undefined) return systemCode(err) ? 'PROVIDER_UNREACHABLE' : 'PROVIDER_ERROR';
    if (status === 408 || status === 504) return 'TIMEOUT';
    return 'PROVIDER_ERROR';
  }
  if (systemCode(err)) return 'PROVIDER_UNREACHABLE';
  return 'PROVIDER_ERROR';
}

/** What the provider sent back with a failure, for the user to see (collapsed): its response body, capped. */
export function failureReply(err: unknown): string | null {
  if (APICallError.isInstance(err) && err.responseBody) return capRedacted(err.responseBody, 4000);
  return null;
}
