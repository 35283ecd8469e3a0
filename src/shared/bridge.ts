import { z } from 'zod';
import { Scope } from './auth';

/**
 * The bridge's own shapes (docs/BRIDGE.md): paired clients, pairing requests and pages sent from the
 * browser. The REST routes themselves come from the `http` field of the contract's procedures.
 */

/** The port the bridge listens on unless `AURA_BRIDGE_PORT` or the `bridgePort` setting says otherwise. */
export const BRIDGE_DEFAULT_PORT = 47826;
/** Every bridge token starts with this, so a leaked one is recognisable (and scanners can find it). */
export const BRIDGE_TOKEN_PREFIX = 'aura_';
/** A pairing request waits this long for the user's answer; an approved token waits as long to be collected. */
export const PAIRING_TTL_MS = 5 * 60_000;
/** A token unused for this long stops working (SECURITY.md: tokens expire when idle). */
export const TOKEN_IDLE_EXPIRY_MS = 90 * 24 * 60 * 60_000;

/** The origin of a Chrome extension: its id is 32 letters a–p. */
export const EXTENSION_ORIGIN = /^chrome-extension:\/\/[a-p]{32}$/;

/** A client's name, shown to the user when they approve it: one line of printable text. */
export const ClientName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'must be one line of printable text');

/** At least one scope, each once. */
export const Scopes = z
  .array(Scope)
  .min(1)
  .max(Scope.options.length)
  .refine((scopes) => new Set(scopes).size === scopes.length, 'each scope once');

/** The code the user compares in the app: 6 characters, shown as `K7M-4QX`; case and the dash do not matter. */
export const PairingCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3}-?[A-Za-z0-9]{3}$/, 'a code looks like K7M-4QX');

export const BridgeClient = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** `extension`: paired from a browser (or another app) by the user's approval; `token`: made by the owner for a script. */
  kind: z.enum(['extension', 'token']),
  /** The `chrome-extension://…` origin recorded at pairing: the only web origin this client's token works from. */
  origin: z.string().nullable(),
  scopes: z.array(Scope),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  /** When the token stops working unless used before then (it expires when idle). */
  expiresAt: z.string(),
});
export type BridgeClient = z.infer<typeof BridgeClient>;

export const PendingPairing = z.object({
  requestId: z.string().uuid(),
  name: z.string(),
  code: z.string(),
  origin: z.string().nullable(),
  scopes: z.array(Scope),
  expiresAt: z.string(),
});
export type PendingPairing = z.infer<typeof PendingPairing>;

export const BridgeStatus = z.object({
  enabled: z.boolean(),
  /** The port it listens on (or will, when it is off). */
  port: z.number().int().nonnegative(),
  url: z.string().nullable(),
});
export type BridgeStatus = z.infer<typeof BridgeStatus>;

/** POST /v1/pair */
export const PairRequestInput = z.object({ name: ClientName, scopes: Scopes }).strict();
export type PairRequestInput = z.infer<typeof PairRequestInput>;
export const PairRequestReply = z.object({ requestId: z.string().uuid(), code: z.string(), pollSecret: z.string(), expiresAt: z.string() });
export type PairRequestReply = z.infer<typeof PairRequestReply>;

export const PairingStatus = z.enum(['pending', 'approved', 'denied', 'expired']);
export type PairingStatus = z.infer<typeof PairingStatus>;
/** GET /v1/pair/:requestId — `token` is there exactly once: on the first poll after approval. */
export const PairPollReply = z.object({ status: PairingStatus, token: z.string().optional(), scopes: z.array(Scope).optional() });
export type PairPollReply = z.infer<typeof PairPollReply>;

/** Characters of page text a task may carry (markdown from the page's readable content). */
export const PAGE_TEXT_MAX = 500_000;
export const PAGE_SELECTION_MAX = 50_000;
export const DEFAULT_PAGE_INSTRUCTION = 'Summarize this page';

/** A web page sent with a task. Untrusted: the agent sees it as content, never as instructions. */
export const PageContext = z
  .object({
    url: z.url({ protocol: /^(https?|file)$/ }).max(8192),
    title: z.string().max(1000),
    text: z.string().max(PAGE_TEXT_MAX),
    selection: z.string().max(PAGE_SELECTION_MAX).optional(),
  })
  .strict();
export type PageContext = z.infer<typeof PageContext>;

export const PagesSendInput = PageContext.extend({
  /** What to do with the page; by default "Summarize this page". */
  instruction: z.string().trim().min(1).max(8000).optional(),
  workspaceId: z.string().uuid().optional(),
}).strict();
export type PagesSendInput = z.infer<typeof PagesSendInput>;
