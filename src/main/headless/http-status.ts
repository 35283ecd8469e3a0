import type { ErrorCode } from '../../shared/errors';

/** HTTP status for each error code, so plain HTTP clients can branch without reading the body. */
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
  IO_ERROR: 507,
  INTERNAL: 500,
};
