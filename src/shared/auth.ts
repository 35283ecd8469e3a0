import { z } from 'zod';

/**
 * What a paired client (the browser extension, a script with a bridge token) may be allowed to do.
 * The owner (the window, the CLI on the local socket) may do everything; no client ever gets more than
 * the scopes it was given.
 */
export const Scope = z.enum(['tasks:read', 'tasks:write', 'approvals', 'pages:send']);
export type Scope = z.infer<typeof Scope>;

/** Who may call a procedure: `owner` only, any caller (`any`), or a client holding the scope. */
export type Access = 'owner' | 'any' | Scope;

/** Who is calling. Every call carries one; the audit records it as the actor. */
export type Principal =
  | { kind: 'owner'; via: 'ui' | 'cli' | 'system' }
  | { kind: 'client'; clientId: string; name: string; scopes: readonly Scope[] };

export const OWNER_UI: Principal = { kind: 'owner', via: 'ui' };
export const OWNER_CLI: Principal = { kind: 'owner', via: 'cli' };
