import { z } from 'zod';
import { Scope } from '../shared/auth';
import { PairPollReply, PairRequestReply } from '../shared/bridge';

/**
 * The extension's pairing with the app, as a pure state machine: the service worker feeds it what the
 * bridge answered, and stores what it returns. Replies that arrive for a request the user already left
 * (cancelled, or replaced by a new one) are ignored, so a slow poll can never pair a stale request.
 */
export const FailureReason = z.enum(['denied', 'expired', 'revoked', 'lost', 'unreachable', 'rejected']);
export type FailureReason = z.infer<typeof FailureReason>;

const Text = z.string().max(2000);

export const PairingState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unpaired') }).strict(),
  z.object({ status: z.literal('requesting') }).strict(),
  z
    .object({
      status: z.literal('waiting'),
      requestId: z.string().min(1).max(200),
      code: z.string().min(1).max(32),
      pollSecret: z.string().min(1).max(500),
      expiresAt: z.string().max(64),
    })
    .strict(),
  z.object({ status: z.literal('paired'), token: z.string().min(1).max(500), scopes: z.array(Scope) }).strict(),
  z.object({ status: z.literal('failed'), reason: FailureReason, message: Text.optional(), hint: Text.optional() }).strict(),
]);
export type PairingState = z.infer<typeof PairingState>;

/** What GET /v1/pair/:requestId answers. */
export const PairPoll = PairPollReply;
export type PairPoll = z.infer<typeof PairPoll>;

/** What POST /v1/pair answers. */
export const PairRequested = PairRequestReply;
export type PairRequested = z.infer<typeof PairRequested>;

export type PairingEvent =
  | { type: 'start' }
  | { type: 'requested'; request: PairRequested }
  /** The pairing request itself failed (app not running, rate limit…). */
  | { type: 'request-failed'; reason: 'unreachable' | 'rejected'; message?: string; hint?: string }
  | { type: 'polled'; requestId: string; poll: PairPoll }
  /** The app no longer knows the request (restarted, or the secret was refused). */
  | { type: 'poll-lost'; requestId: string }
  /** The clock moved on: a request past its expiry is over even if the app cannot be asked. */
  | { type: 'tick'; now: number }
  /** A call with the token got 401: it was revoked (or the app's data was reset). */
  | { type: 'unauthorized' }
  | { type: 'cancel' };

export const UNPAIRED: PairingState = { status: 'unpaired' };

export function nextPairing(state: PairingState, event: PairingEvent): PairingState {
  switch (event.type) {
    case 'start':
      // A paired extension must be unpaired (cancel) first: starting again would throw a good token away.
      return state.status === 'unpaired' || state.status === 'failed' ? { status: 'requesting' } : state;
    case 'requested':
      if (state.status !== 'requesting') return state;
      return { status: 'waiting', ...event.request };
    case 'request-failed':
      if (state.status !== 'requesting') return state;
      return withText({ status: 'failed', reason: event.reason }, event.message, event.hint);
    case 'polled':
      if (state.status !== 'waiting' || state.requestId !== event.requestId) return state;
      return afterPoll(event.poll, state);
    case 'poll-lost':
      if (state.status !== 'waiting' || state.requestId !== event.requestId) return state;
      return { status: 'failed', reason: 'lost' };
    case 'tick': {
      if (state.status !== 'waiting') return state;
      const expires = Date.parse(state.expiresAt);
      return Number.isFinite(expires) && event.now >= expires ? { status: 'failed', reason: 'expired' } : state;
    }
    case 'unauthorized':
      return state.status === 'paired' ? { status: 'failed', reason: 'revoked' } : state;
    case 'cancel':
      return UNPAIRED;
  }
}

function afterPoll(poll: PairPoll, waiting: PairingState & { status: 'waiting' }): PairingState {
  switch (poll.status) {
    case 'pending':
      return waiting;
    case 'approved':
      // The token comes exactly once; an approval without it means another poll took it: pair again.
      return poll.token ? { status: 'paired', token: poll.token, scopes: poll.scopes ?? [] } : { status: 'failed', reason: 'lost' };
    case 'denied':
      return { status: 'failed', reason: 'denied' };
    case 'expired':
      return { status: 'failed', reason: 'expired' };
  }
}

function withText(state: PairingState & { status: 'failed' }, message: string | undefined, hint: string | undefined): PairingState {
  return { ...state, ...(message ? { message: message.slice(0, 2000) } : {}), ...(hint ? { hint: hint.slice(0, 2000) } : {}) };
}

/** The pairing as the popup may see it: never the token nor the poll secret. */
export type PairingView =
  | { status: 'unpaired' | 'requesting' }
  | { status: 'waiting'; code: string; expiresAt: string }
  | { status: 'paired'; scopes: Scope[] }
  | { status: 'failed'; reason: FailureReason; message?: string; hint?: string };

export function pairingView(state: PairingState): PairingView {
  switch (state.status) {
    case 'waiting':
      return { status: 'waiting', code: state.code, expiresAt: state.expiresAt };
    case 'paired':
      return { status: 'paired', scopes: state.scopes };
    default:
      return state;
  }
}
