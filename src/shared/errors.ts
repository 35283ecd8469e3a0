import { z } from 'zod';

/** Every failure that crosses a boundary (IPC, WebSocket, HTTP, CLI) has this one shape. */
export const ErrorCode = z.enum([
  'BAD_REQUEST',
  'UNKNOWN_PROCEDURE',
  'INVALID_INPUT',
  'INVALID_OUTPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'DB_UNREADABLE',
  'IO_ERROR',
  'INTERNAL',
  // What stopped a task, said by cause, so every surface can tell the user what to do about it.
  'PROVIDER_AUTH',
  'RATE_LIMITED',
  'PROVIDER_UNREACHABLE',
  'PROVIDER_ERROR',
  'MODEL_NOT_SET',
  'MODEL_OUTPUT_INVALID',
  'MODEL_STOPPED',
  'CONTEXT_TOO_LONG',
  'BUDGET_EXCEEDED',
  'TIMEOUT',
  'DISK_FULL',
  'WORKSPACE_MISSING',
  'TOOL_FAILED',
  'STEP_INCOMPLETE',
  'REVIEW_UNRESOLVED',
  'CANCELLED',
  'INTERRUPTED',
  // A worker process (the local model, the shell) stopped under a call; the next call starts it again.
  'WORKER_CRASHED',
  // A tool call that would ask first, where nobody can be asked (`aura tools call` without --yes).
  'APPROVAL_REQUIRED',
  // The CLI could not reach the host that owns the data folder, nor start one.
  'HOST_UNREACHABLE',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  hint: z.string().optional(),
});
export type ErrorShape = z.infer<typeof ErrorShape>;

/** An error that already knows what to tell the user and what they can do next. */
export class AuraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'AuraError';
  }

  toShape(): ErrorShape {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }

  static from(shape: ErrorShape): AuraError {
    return new AuraError(shape.code, shape.message, shape.hint);
  }
}

/** Turns anything thrown into the one error shape; unknown errors never leak their internals. */
export function toErrorShape(err: unknown): ErrorShape {
  if (err instanceof AuraError) return err.toShape();
  return { code: 'INTERNAL', message: 'Something went wrong inside Aura Work.', hint: 'See the log in Settings → Diagnostics.' };
}

/** Formats zod issues as one readable line, e.g. `value: expected one of "light"|"dark"`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
