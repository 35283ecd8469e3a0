import { describe, expect, it } from '@jest/globals';
import { nextPairing, pairingView, PairingState, UNPAIRED, type PairingEvent } from './pairing';

const REQUEST = { requestId: 'req-1', code: 'K7M4QX', pollSecret: 'secret-1', expiresAt: '2030-01-01T00:05:00.000Z' };
const WAITING: PairingState = { status: 'waiting', ...REQUEST };
const run = (state: PairingState, ...events: PairingEvent[]) => events.reduce(nextPairing, state);

describe('the pairing state machine', () => {
  it('goes unpaired → requesting → waiting → paired, keeping the token and the scopes the app granted', () => {
    const paired = run(UNPAIRED, { type: 'start' }, { type: 'requested', request: REQUEST }, { type: 'polled', requestId: 'req-1', poll: { status: 'pending' } }, { type: 'polled', requestId: 'req-1', poll: { status: 'approved', token: 'aura_abc', scopes: ['pages:send', 'tasks:read'] } });
    expect(paired).toEqual({ status: 'paired', token: 'aura_abc', scopes: ['pages:send', 'tasks:read'] });
  });

  it('stays waiting while the app says pending', () => {
    expect(nextPairing(WAITING, { type: 'polled', requestId: 'req-1', poll: { status: 'pending' } })).toBe(WAITING);
  });

  it.each([
    ['denied', 'denied'],
    ['expired', 'expired'],
  ] as const)('ends %s when the app says so', (status, reason) => {
    expect(nextPairing(WAITING, { type: 'polled', requestId: 'req-1', poll: { status } })).toEqual({ status: 'failed', reason });
  });

  it('treats an approval without its token as lost: the token is handed out once, so pairing must start again', () => {
    expect(nextPairing(WAITING, { type: 'polled', requestId: 'req-1', poll: { status: 'approved' } })).toEqual({ status: 'failed', reason: 'lost' });
  });

  it('ignores a poll answer for another request (a slow reply to a request the user left)', () => {
    expect(nextPairing(WAITING, { type: 'polled', requestId: 'req-0', poll: { status: 'approved', token: 'aura_old' } })).toBe(WAITING);
    expect(nextPairing(UNPAIRED, { type: 'polled', requestId: 'req-1', poll: { status: 'approved', token: 'aura_old' } })).toBe(UNPAIRED);
    expect(nextPairing(WAITING, { type: 'poll-lost', requestId: 'req-0' })).toBe(WAITING);
  });

  it('ignores a pairing request that answers after the user cancelled', () => {
    const cancelled = run(UNPAIRED, { type: 'start' }, { type: 'cancel' });
    expect(nextPairing(cancelled, { type: 'requested', request: REQUEST })).toBe(UNPAIRED);
    expect(nextPairing(cancelled, { type: 'request-failed', reason: 'unreachable' })).toBe(UNPAIRED);
  });

  it('fails with the app’s words when the request is refused, or as unreachable', () => {
    expect(run(UNPAIRED, { type: 'start' }, { type: 'request-failed', reason: 'rejected', message: 'Too many pairing requests', hint: 'Wait a minute' })).toEqual({
      status: 'failed',
      reason: 'rejected',
      message: 'Too many pairing requests',
      hint: 'Wait a minute',
    });
    expect(run(UNPAIRED, { type: 'start' }, { type: 'request-failed', reason: 'unreachable' })).toEqual({ status: 'failed', reason: 'unreachable' });
  });

  it('expires a waiting request by the clock, even when the app cannot be asked', () => {
    const expires = Date.parse(REQUEST.expiresAt);
    expect(nextPairing(WAITING, { type: 'tick', now: expires - 1 })).toBe(WAITING);
    expect(nextPairing(WAITING, { type: 'tick', now: expires })).toEqual({ status: 'failed', reason: 'expired' });
  });

  it('turns a refused token into revoked, only when paired', () => {
    const paired: PairingState = { status: 'paired', token: 'aura_abc', scopes: ['pages:send'] };
    expect(nextPairing(paired, { type: 'unauthorized' })).toEqual({ status: 'failed', reason: 'revoked' });
    expect(nextPairing(WAITING, { type: 'unauthorized' })).toBe(WAITING);
  });

  it('starts again only from unpaired or failed: a paired extension never throws its token away by a stray start', () => {
    const paired: PairingState = { status: 'paired', token: 'aura_abc', scopes: [] };
    expect(nextPairing(paired, { type: 'start' })).toBe(paired);
    expect(nextPairing(WAITING, { type: 'start' })).toBe(WAITING);
    expect(nextPairing({ status: 'failed', reason: 'revoked' }, { type: 'start' })).toEqual({ status: 'requesting' });
    expect(nextPairing(paired, { type: 'cancel' })).toEqual(UNPAIRED);
  });

  it('shows the popup neither the token nor the poll secret', () => {
    expect(pairingView(WAITING)).toEqual({ status: 'waiting', code: 'K7M4QX', expiresAt: REQUEST.expiresAt });
    expect(JSON.stringify(pairingView({ status: 'paired', token: 'aura_secret', scopes: ['tasks:read'] }))).not.toContain('aura_secret');
  });

  it('refuses a stored state of an unknown shape', () => {
    expect(PairingState.safeParse({ status: 'paired', token: 'aura_abc', scopes: ['everything'] }).success).toBe(false);
    expect(PairingState.safeParse({ status: 'waiting', ...REQUEST, extra: 1 }).success).toBe(false);
  });
});
