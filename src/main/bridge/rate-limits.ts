import type { Request, RequestHandler, Response } from 'express';
import { MemoryStore, rateLimit } from 'express-rate-limit';
import type { Logger } from '../../core/logging/logger';
import type { ErrorShape } from '../../shared/errors';

/** The bridge's limits; tests and the bench may give their own. */
export interface BridgeLimits {
  /** Requests a minute per token, every route. */
  requestsPerMinute: number;
  /** Data-changing requests (POST, DELETE) a minute per token: each one writes and is audited. */
  writesPerMinute: number;
  /** Pairing requests per remote address: a minute, and an hour (the lockout after a burst). */
  pairsPerMinute: number;
  pairsPerHour: number;
  /** Polls of pairing requests a minute per address (a client polls every second or two). */
  pollsPerMinute: number;
  /** Event streams open at once per token. */
  streamsPerClient: number;
}

export const DEFAULT_BRIDGE_LIMITS: BridgeLimits = {
  requestsPerMinute: 6000,
  writesPerMinute: 120,
  pairsPerMinute: 5,
  pairsPerHour: 20,
  pollsPerMinute: 120,
  streamsPerClient: 8,
};

export interface Limiter {
  handler: RequestHandler;
  store: MemoryStore;
}

/**
 * A fixed-window limit (express-rate-limit, in memory: one host owns the bridge). A refusal is the one
 * error shape with Retry-After; no rate-limit headers on every reply (they cost more than they tell).
 */
export function limiter(windowMs: number, limit: number, key: (req: Request, res: Response) => string, what: string, logger: Logger): Limiter {
  const store = new MemoryStore();
  const handler = rateLimit({
    windowMs,
    limit,
    store,
    keyGenerator: key,
    standardHeaders: false,
    legacyHeaders: false,
    // Keys are token ids and socket addresses, never X-Forwarded-For: nothing proxies 127.0.0.1.
    validate: { xForwardedForHeader: false, forwardedHeader: false, trustProxy: false, keyGeneratorIpFallback: false, ip: false },
    logger: { error: (error, message) => logger.error(message ?? 'rate limiter failed', { error: String(error) }), warn: (error, message) => logger.warn(message ?? 'rate limiter', { error: String(error) }) },
    handler: (_req, res, _next, options) => {
      const error: ErrorShape = { code: 'RATE_LIMITED', message: `Too many ${what}.`, hint: `Wait ${Math.ceil(options.windowMs / 1000)} seconds at most, then try again.` };
      res.setHeader('Retry-After', String(Math.ceil(options.windowMs / 1000)));
      res.status(429).json({ ok: false, error });
    },
  });
  return { handler, store };
}
