import { beforeAll, describe, expect, it } from '@jest/globals';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { AuraClient } from '../../../shared/client';
import type { BridgeClient, PendingPairing } from '../../../shared/bridge';
import { ClientContext } from '../../hooks/use-client';
import { initI18n } from '../../i18n/i18n';
import { PairedClients } from './PairedClients';
import { PairingRequestCard, PairingRequests } from './PairingRequests';

const HOSTILE = '<img src=x onerror=alert(1)>';
const client = { call: async () => undefined, on: () => () => undefined } as unknown as AuraClient;
const html = (node: ReactNode) => renderToStaticMarkup(createElement(ClientContext.Provider, { value: client }, node));

const pairing = (over: Partial<PendingPairing> = {}): PendingPairing => ({
  requestId: '6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b',
  name: 'Chrome extension',
  code: 'K7M-4QX',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
  scopes: ['tasks:read', 'pages:send'],
  expiresAt: '2030-01-01T00:05:00.000Z',
  ...over,
});

const bridgeClient = (over: Partial<BridgeClient> = {}): BridgeClient => ({
  id: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
  name: 'backup-script',
  kind: 'token',
  origin: null,
  scopes: ['tasks:read'],
  createdAt: '2030-01-01T00:00:00.000Z',
  lastSeenAt: null,
  expiresAt: '2030-04-01T00:00:00.000Z',
  ...over,
});

beforeAll(() => {
  initI18n('en');
});

describe('a pairing request', () => {
  it('shows its code, its origin, and a box for each scope it asked for, all ticked', () => {
    const out = html(createElement(PairingRequestCard, { pairing: pairing(), onAnswered: () => undefined }));
    expect(out).toContain('data-testid="pairing-code">K7M-4QX</span>');
    expect(out).toContain('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    const boxes = [...out.matchAll(/<input type="checkbox"[^>]*>/g)].map(([tag]) => [/data-scope="([^"]+)"/.exec(tag)?.[1], / checked=""/.test(tag)]);
    expect(boxes).toEqual([
      ['tasks:read', true],
      ['pages:send', true],
    ]);
    expect(out).toContain('Read tasks');
    expect(out).toContain('Send pages');
    expect(out).not.toContain('Answer approvals');
  });

  it('shows the name the client chose as text, never as markup', () => {
    const out = html(createElement(PairingRequestCard, { pairing: pairing({ name: HOSTILE }), onAnswered: () => undefined }));
    expect(out).not.toContain('<img');
    expect(out).toContain('<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>');
  });

  it('says how to start pairing when none waits', () => {
    expect(html(createElement(PairingRequests, { pairings: [], onAnswered: () => undefined }))).toContain('open its popup and choose Pair with Aura Work');
  });
});

describe('the paired clients', () => {
  it('lists each with its kind, scopes, and “never” until it is seen', () => {
    const out = html(createElement(PairedClients, { clients: [bridgeClient(), bridgeClient({ id: '2b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b', name: 'Chrome extension', kind: 'extension', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', scopes: ['pages:send', 'approvals'], lastSeenAt: '2030-01-02T00:00:00.000Z' })], onChanged: () => undefined }));
    const rows = [...out.matchAll(/<tr data-testid="client-row" data-name="([^"]+)" data-kind="([^"]+)">/g)].map((match) => [match[1], match[2]]);
    expect(rows).toEqual([
      ['backup-script', 'token'],
      ['Chrome extension', 'extension'],
    ]);
    expect(out).toContain('Script token');
    expect(out).toContain('Browser extension');
    expect(out).toContain('data-testid="client-last-seen">Never</td>');
    expect(out).toContain('data-testid="client-revoke"');
  });

  it('escapes a hostile name in the row and its attributes', () => {
    const out = html(createElement(PairedClients, { clients: [bridgeClient({ name: `"${HOSTILE}` })], onChanged: () => undefined }));
    expect(out).not.toContain('<img');
    expect(out).toContain('data-name="&quot;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('says when nothing is paired', () => {
    expect(html(createElement(PairedClients, { clients: [], onChanged: () => undefined }))).toContain('Nothing is paired yet.');
  });
});
