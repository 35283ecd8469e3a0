import { describe, expect, it } from '@jest/globals';
import type { ModelMessage } from 'ai';
import type { ImageOutput } from '../../shared/image-output';
import type { ModelRef } from '../../shared/providers';
import type { ImageReader } from './image-reader';
import { MAX_IMAGES_PER_CALL, withImages } from './vision-input';

const image = (n: number): ImageOutput => ({ path: `/data/screenshots/computer/${n}.png`, mimeType: 'image/png', width: 800, height: 600 });
const bytes = (path: string) => Buffer.from(`png of ${path}`).toString('base64');
const reader: ImageReader = async (shown) => (shown.path.includes('gone') ? { refused: 'the file is gone' } : { data: bytes(shown.path), mediaType: 'image/png' });

/** A tool loop in which each round took one screenshot (and the first also read a file). */
function conversation(shots: ImageOutput[]): ModelMessage[] {
  const messages: ModelMessage[] = [{ role: 'user', content: 'Look at the screen.' }];
  shots.forEach((shot, n) => {
    messages.push({ role: 'assistant', content: [{ type: 'tool-call', toolCallId: `c${n}`, toolName: 'computer_screenshot', input: {} }] });
    messages.push({
      role: 'tool',
      content: [
        { type: 'tool-result', toolCallId: `c${n}`, toolName: 'computer_screenshot', output: { type: 'json', value: shot } },
        ...(n === 0 ? [{ type: 'tool-result' as const, toolCallId: 'r0', toolName: 'read', output: { type: 'json' as const, value: { content: 'text' } } }] : []),
      ],
    });
  });
  return messages;
}

const ref = (provider: ModelRef['provider'], model: string): ModelRef => ({ provider, model });
const toolParts = (messages: ModelMessage[]) => messages.flatMap((m) => (m.role === 'tool' ? m.content : []));

describe('withImages', () => {
  it('leaves a conversation without images as it is', async () => {
    const messages: ModelMessage[] = [{ role: 'user', content: 'hi' }];
    expect(await withImages(messages, ref('anthropic', 'claude-sonnet-4-5'), reader)).toEqual({ messages, sent: 0, withheld: 0 });
  });

  it('puts the image inside the tool result for Anthropic and Gemini models', async () => {
    for (const model of [ref('anthropic', 'claude-sonnet-4-5'), ref('google', 'gemini-2.5-flash')]) {
      const messages = conversation([image(1)]);
      const shown = await withImages(messages, model, reader);
      expect(shown).toMatchObject({ sent: 1, withheld: 0 });
      expect(shown.messages).toHaveLength(messages.length);
      expect(toolParts(shown.messages)[0]).toMatchObject({ output: { type: 'content', value: [{ type: 'text', text: JSON.stringify(image(1)) }, { type: 'image-data', data: bytes(image(1).path), mediaType: 'image/png' }] } });
      // The other result of the same message is untouched, and the stored conversation is not changed.
      expect(toolParts(shown.messages)[1]).toEqual(toolParts(messages)[1]);
      expect(toolParts(messages)[0]).toMatchObject({ output: { type: 'json' } });
    }
  });

  it('sends the image in a user message right after the results for OpenAI chat and compatible vision models', async () => {
    for (const model of [ref('openai', 'gpt-4o'), ref('openai-compatible', 'qwen2.5-vl:7b'), ref('openai-compatible', 'llava:13b')]) {
      const messages = conversation([image(1)]);
      const shown = await withImages(messages, model, reader);
      expect(shown).toMatchObject({ sent: 1, withheld: 0 });
      expect(shown.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'user']);
      expect(toolParts(shown.messages)[0]).toMatchObject({ output: { type: 'json', value: { ...image(1), note: expect.stringContaining('next message') } } });
      expect(shown.messages[3]).toEqual({ role: 'user', content: [{ type: 'text', text: expect.stringContaining('computer_screenshot returned (call c0)') }, { type: 'image', image: bytes(image(1).path), mediaType: 'image/png' }] });
    }
  });

  it('gives a text-only model the path and size with a note, and counts what it did not see', async () => {
    for (const model of [ref('openai-compatible', 'model-a'), ref('openai', 'gpt-3.5-turbo'), ref('local-gguf', 'qwen.gguf')]) {
      const shown = await withImages(conversation([image(1), image(2)]), model, reader);
      expect(shown).toMatchObject({ sent: 0, withheld: 2 });
      expect(JSON.stringify(shown.messages)).not.toContain(bytes(image(1).path));
      expect(toolParts(shown.messages)[0]).toMatchObject({ output: { type: 'json', value: { path: image(1).path, width: 800, height: 600, note: expect.stringContaining('cannot see images') } } });
    }
  });

  it('sends the newest images only, and says why one is missing', async () => {
    const shots = [image(1), image(2), { ...image(3), path: '/data/screenshots/computer/gone.png' }, image(4), image(5)];
    const shown = await withImages(conversation(shots), ref('anthropic', 'claude-opus-4-1'), reader);
    expect(shown.sent).toBe(MAX_IMAGES_PER_CALL - 1);
    const outputs = toolParts(shown.messages).filter((part) => part.type === 'tool-result' && part.toolName === 'computer_screenshot').map((part) => (part.type === 'tool-result' ? part.output : null));
    expect(outputs.map((output) => output?.type)).toEqual(['json', 'json', 'json', 'content', 'content']);
    expect(JSON.stringify(outputs[0])).toContain('not sent again');
    expect(JSON.stringify(outputs[2])).toContain('the file is gone');
  });
});
