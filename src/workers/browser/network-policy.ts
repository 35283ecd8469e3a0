// SECURITY: what the agent's browser may reach. Every request a page makes (navigations, subresources,
// fetch/XHR, WebSockets) passes through `RequestGuard.check` before it leaves the browser.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { refusedUrl, type PrivateNetwork } from '../../shared/browser';

/** Whether an IPv4 address is loopback, private, link-local, shared (CGNAT), reserved or multicast. */
function privateV4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && address.split('.')[2] === '0') ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Whether an IP address (v4 or v6) is not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateV4(address);
  if (family !== 6) return false;
  const lower = address.toLowerCase();
  // IPv4-mapped and NAT64 addresses are judged by the IPv4 address inside.
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return privateV4(mapped[1]);
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hexMapped?.[1] && hexMapped[2]) {
    const high = parseInt(hexMapped[1], 16);
    const low = parseInt(hexMapped[2], 16);
    return privateV4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  if (lower === '::' || lower === '::1') return true;
  const first = parseInt(lower.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // site-local (deprecated) fec0::/10
    (first & 0xff00) === 0xff00 // multicast
  );
}

/** Resolves a host name to its addresses; a test seam. */
export type Resolve = (hostname: string) => Promise<string[]>;

const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** How long a host name's verdict is reused: pages ask for the same hosts over and over. */
const CACHE_MS = 60_000;

/**
 * Decides, per session, whether a request may go out. Only http(s) and ws(s) URLs (and about:blank);
 * a private address (by IP, or by a name that resolves to one) only when the session's policy allows it:
 * `allow`, or `approved` and the request's origin is one the agent navigated to explicitly.
 *
 * Known limit: the name is resolved here and again by Chromium, so a DNS-rebinding server that answers
 * a public address here and a private one a moment later gets through; the verdict cache narrows the
 * window, it does not close it.
 */
export class RequestGuard {
  private readonly approved = new Set<string>();
  private readonly verdicts = new Map<string, { at: number; private: Promise<boolean> }>();
  policy: PrivateNetwork = 'approved';

  constructor(private readonly resolve: Resolve = systemResolve) {}

  /** The agent navigated to this URL with the user's approval (or under a profile that needs none). */
  approve(url: string): void {
    const origin = originOf(url);
    if (origin) this.approved.add(origin);
  }

  /** Null when `url` may be requested, else why not. */
  async check(url: string): Promise<string | null> {
    const scheme = refusedUrl(url.replace(/^ws(s?):/i, 'http$1:'));
    if (scheme) return scheme;
    const parsed = new URL(url);
    if (parsed.href === 'about:blank') return null;
    if (this.policy === 'allow') return null;
    if (!(await this.isPrivateHost(parsed.hostname))) return null;
    const origin = originOf(url);
    if (origin && this.approved.has(origin)) return null;
    return `${parsed.host} is a private network address; only addresses you opened with browser_navigate may be reached from a page under this permission profile.`;
  }

  private isPrivateHost(hostname: string): Promise<boolean> {
    const host = hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) return Promise.resolve(isPrivateAddress(host));
    const lower = host.toLowerCase();
    if (lower === 'localhost' || lower.endsWith('.localhost')) return Promise.resolve(true);
    const cached = this.verdicts.get(lower);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.private;
    // A name that does not resolve cannot be reached anyway; one that resolves to any private address is private.
    const verdict = this.resolve(lower).then(
      (addresses) => addresses.some(isPrivateAddress),
      () => false,
    );
    this.verdicts.set(lower, { at: Date.now(), private: verdict });
    return verdict;
  }
}

/** `http://host:port` of a URL, ws(s) counted as http(s); null for what has no such origin. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url.replace(/^ws(s?):/i, 'http$1:'));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
