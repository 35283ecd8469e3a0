import { ErrorCode } from '../../shared/errors';

/** What an error notice shows: the host's own words when it sent the one error shape. */
export interface ErrorDetails {
  code: string | null;
  message: string | null;
  hint: string | null;
}

/**
 * Reads an AuraError (or anything with the same shape). Other errors, bugs in the renderer, have no
 * message meant for people, so the notice falls back to its generic text rather than leak internals.
 */
export function errorDetails(error: unknown): ErrorDetails {
  if (typeof error === 'object' && error !== null) {
    const { code, message, hint } = error as Record<string, unknown>;
    if (ErrorCode.safeParse(code).success && typeof message === 'string') {
      return { code: code as string, message, hint: typeof hint === 'string' ? hint : null };
    }
  }
  return { code: null, message: null, hint: null };
}
