import { describe, expect, it } from '@jest/globals';
import type { ToolContext } from '../tools/tool-definition';
import type { BrowserService } from './browser-service';
import { browserTools } from './browser-tools';

const ctx: ToolContext = { roots: ['/ws'], signal: new AbortController().signal, actor: 'test', taskId: 'task-1' };

/** A browser service that only answers which page the task's session shows. */
const toolsOn = (url: string | null) => browserTools({ pageUrl: () => url } as unknown as BrowserService);
const preview = (url: string | null, name: string, input: unknown) => {
  const tool = toolsOn(url).find((candidate) => candidate.name === name);
  if (!tool?.preview) throw new Error(`${name} has no preview`);
  return tool.preview(input, ctx);
};

describe('browser previews', () => {
  it('shows the full URL a navigation opens', async () => {
    const url = `https://example.com/search?q=${'a'.repeat(3000)}#frag`;
    expect(await preview(null, 'browser_navigate', { url })).toEqual({ kind: 'url', url, action: { kind: 'open' } });
  });

  it('shows the page a click, typing or choice acts on, with the action in full', async () => {
    expect(await preview('https://shop.example/cart', 'browser_click', { role: 'button', name: 'Pay' })).toEqual({ kind: 'url', url: 'https://shop.example/cart', action: { kind: 'click', target: { role: 'button', name: 'Pay' } } });
    expect(await preview('https://a.example/', 'browser_type', { role: 'textbox', name: 'Card', value: '4242 4242', submit: true })).toMatchObject({ action: { kind: 'type', target: { role: 'textbox', name: 'Card' }, text: '4242 4242', submit: true } });
    expect(await preview(null, 'browser_select', { role: 'combobox', name: 'Size', option: ['L', 'XL'] })).toMatchObject({ url: '', action: { kind: 'choose', target: { role: 'combobox', name: 'Size' }, options: ['L', 'XL'] } });
  });
});
