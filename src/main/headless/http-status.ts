import type { ErrorCode } from '../../shared/errors';

/**
 * HTTP status for each error code, so plain HTTP clients can branch without reading the body. A failure
 * of the model provider is the upstream's (502/503/504), never 401, which would say the caller's own token is bad.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_INPUT: 400,
  UNKNOWN_PROCEDURE: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INVALID_OUTPUT: 500,
  DB_CORRUPT: 500,
  DB_TOO_NEW: 500,
  DB_UNREADABLE: 500,
  IO_ERROR: 500,
  INTERNAL: 500,
  PROVIDER_AUTH: 502,
  RATE_LIMITED: 429,
  PROVIDER_UNREACHABLE: 503,
  PROVIDER_ERROR: 502,
  MODEL_NOT_SET: 409,
  MODEL_OUTPUT_INVALID: 502,
  MODEL_STOPPED: 502,
  CONTEXT_TOO_LONG: 413,
  BUDGET_EXCEEDED: 402,
  TIMEOUT: 504,
  DISK_FULL: 507,
  WORKSPACE_MISSING: 410,
  TOOL_FAILED: 500,
  STEP_INCOMPLETE: 422,
  REVIEW_UNRESOLVED: 422,
  CANCELLED: 409,
  INTERRUPTED: 409,
  WORKER_CRASHED: 503,
  APPROVAL_REQUIRED: 403,
  HOST_UNREACHABLE: 503,
};
