import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ContentReply, MAX_PAGE_TEXT, PopupCommand, PopupView, WorkerMessage } from './messages';
import { INITIAL_STATE, readStoredState } from './stored-state';
import { pickTargetTab } from './target-tab';

const TOOL_CALL = '0b9f3c9e-52a1-4d7e-9a55-1b8c0d0e7f10';

describe('popup → worker commands', () => {
  it.each([
    [{ type: 'hello' }],
    [{ type: 'port.set', port: 47826 }],
    [{ type: 'page.send', tabId: 7, mode: 'selection', instruction: '  Translate it  ' }],
    [{ type: 'approval.answer', toolCallId: TOOL_CALL, decision: 'deny' }],
  ])('accepts %j', (command) => {
    expect(PopupCommand.safeParse(command).success).toBe(true);
  });

  it('trims the instruction', () => {
    expect(PopupCommand.parse({ type: 'page.send', tabId: 7, mode: 'page', instruction: '  Translate it  ' })).toMatchObject({ instruction: 'Translate it' });
  });

  it.each([
    [{ type: 'port.set', port: 0 }],
    [{ type: 'port.set', port: 70000 }],
    [{ type: 'port.set', port: '47826' }],
    [{ type: 'page.send', tabId: -1, mode: 'page', instruction: '' }],
    [{ type: 'page.send', tabId: 1, mode: 'everything', instruction: '' }],
    [{ type: 'page.send', tabId: 1, mode: 'page', instruction: 'x'.repeat(8001) }],
    [{ type: 'approval.answer', toolCallId: 'not-a-uuid', decision: 'once' }],
    [{ type: 'approval.answer', toolCallId: TOOL_CALL, decision: 'always' }],
    [{ type: 'approval.answer', toolCallId: TOOL_CALL, approve: true }],
    [{ type: 'pair.start', token: 'aura_smuggled' }],
    [{ type: 'eval', code: '1' }],
    [null],
    ['hello'],
  ])('refuses %j', (command) => {
    expect(PopupCommand.safeParse(command).success).toBe(false);
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => PopupCommand.safeParse(value)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('content script → worker replies', () => {
  it('accepts an extracted page and a reasoned failure', () => {
    expect(ContentReply.safeParse({ type: 'aura.extracted', url: 'http://127.0.0.1:1/a', title: 'A', text: '# A' }).success).toBe(true);
    expect(ContentReply.safeParse({ type: 'aura.extractFailed', reason: 'empty-selection' }).success).toBe(true);
  });

  it('refuses empty or oversized text and unknown fields', () => {
    expect(ContentReply.safeParse({ type: 'aura.extracted', url: 'u', title: '', text: '' }).success).toBe(false);
    expect(ContentReply.safeParse({ type: 'aura.extracted', url: 'u', title: '', text: 'x'.repeat(MAX_PAGE_TEXT + 1) }).success).toBe(false);
    expect(ContentReply.safeParse({ type: 'aura.extracted', url: 'u', title: '', text: 'x', token: 't' }).success).toBe(false);
    expect(ContentReply.safeParse({ type: 'aura.extractFailed', reason: 'because' }).success).toBe(false);
  });
});

describe('worker → popup views', () => {
  const view = { port: 47826, pairing: { status: 'unpaired' }, reachable: null, sending: false, problem: null, task: null, approvals: [], answering: [] };

  it('accepts a view', () => {
    expect(WorkerMessage.safeParse({ type: 'view', view }).success).toBe(true);
  });

  it('has no room for a token: a pairing view carrying one is refused', () => {
    expect(PopupView.safeParse({ ...view, pairing: { status: 'paired', scopes: [], token: 'aura_x' } }).success).toBe(false);
  });
});

describe('the stored state', () => {
  it('reads what was stored', () => {
    const stored = { port: 50000, pairing: { status: 'paired', token: 'aura_x', scopes: ['pages:send'] }, taskId: TOOL_CALL };
    expect(readStoredState(stored)).toEqual(stored);
  });

  it('falls back field by field on what it cannot read', () => {
    expect(readStoredState(undefined)).toEqual(INITIAL_STATE);
    expect(readStoredState({ port: 50000, pairing: { status: 'paired' }, taskId: 'nope' })).toEqual({ ...INITIAL_STATE, port: 50000 });
  });
});

describe('the tab a send reads', () => {
  const tabs = [
    { id: 1, active: false, lastAccessed: 100 },
    { id: 2, active: false, lastAccessed: 300 },
    { id: 3, active: true, lastAccessed: 400 },
  ];

  it('is the active tab under the toolbar popup', () => {
    expect(pickTargetTab(tabs, null)).toBe(3);
  });

  it('is the tab used last before the popup, when the popup is a tab itself', () => {
    expect(pickTargetTab(tabs, 3)).toBe(2);
    expect(pickTargetTab([{ id: 3, active: true }], 3)).toBeNull();
  });
});
