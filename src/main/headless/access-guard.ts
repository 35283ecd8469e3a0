import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The headless host's front door: an exact Host header (DNS rebinding), an exact Origin for browsers
 * (cross-site WebSocket hijacking) and the per-launch token, compared in constant time.
 */
export class AccessGuard {
  private readonly tokenDigest: Buffer;

  constructor(
    token: string,
    private readonly port: () => number,
  ) {
    this.tokenDigest = digest(token);
  }

  hostAllowed(host: string | undefined): boolean {
    const port = this.port();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  /** Browsers always send Origin on WebSocket upgrades; non-browser clients (the CLI, tests) may omit it. */
  originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    const port = this.port();
    return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  }

  tokenValid(candidate: string | null | undefined): boolean {
    if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return false;
    return timingSafeEqual(digest(candidate), this.tokenDigest);
  }

  /** Reads `Authorization: Bearer <token>`. */
  bearerValid(header: string | undefined): boolean {
    const match = /^Bearer (\S+)$/.exec(header ?? '');
    return this.tokenValid(match?.[1]);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
