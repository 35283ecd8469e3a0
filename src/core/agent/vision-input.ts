import type { ModelMessage, ToolModelMessage, UserModelMessage } from 'ai';
import { imageOutputOf, type ImageOutput } from '../../shared/image-output';
import type { ModelRef } from '../../shared/providers';
import { imageInput } from '../providers/capabilities';
import type { ImageReader } from './image-reader';

/** Images sent with one model call: the newest few. Older ones go as their path and size only. */
export const MAX_IMAGES_PER_CALL = 3;

export interface ImagesShown {
  messages: ModelMessage[];
  /** Images sent as images. */
  sent: number;
  /** Images this model got as text only, because it reads no images. */
  withheld: number;
}

type ToolResultPart = Extract<ToolModelMessage['content'][number], { type: 'tool-result' }>;
interface Found {
  message: number;
  part: number;
  image: ImageOutput;
  value: Record<string, unknown>;
}

/**
 * Turns the image outputs in a conversation (tool results of the shared shape: a PNG's path and size)
 * into what this model can see, just before each call. The stored conversation keeps paths only, so the
 * context compactor and the task's history never carry image bytes. Per provider (capabilities.ts):
 * the image goes inside the tool result, or in a user message right after the results; a model that
 * reads text only gets the path and size with a note, and `withheld` counts them.
 */
export async function withImages(messages: ModelMessage[], ref: ModelRef, read: ImageReader): Promise<ImagesShown> {
  const found: Found[] = [];
  messages.forEach((message, m) => {
    if (message.role !== 'tool') return;
    message.content.forEach((part, p) => {
      if (part.type !== 'tool-result' || part.output.type !== 'json') return;
      const image = imageOutputOf(part.output.value);
      if (image) found.push({ message: m, part: p, image, value: part.output.value as Record<string, unknown> });
    });
  });
  if (!found.length) return { messages, sent: 0, withheld: 0 };

  const mode = imageInput(ref);
  const next = messages.slice();
  const results = new Map<number, ToolResultPart[]>();
  const partsOf = (m: number) => {
    let parts = results.get(m);
    if (!parts) {
      parts = [...(messages[m] as ToolModelMessage).content] as ToolResultPart[];
      results.set(m, parts);
    }
    return parts;
  };
  const annotate = (at: Found, note: string) => {
    const parts = partsOf(at.message);
    parts[at.part] = { ...parts[at.part]!, output: { type: 'json', value: { ...at.value, note } as never } };
  };
  const following = new Map<number, Exclude<UserModelMessage['content'], string>>();
  let sent = 0;

  if (mode === null) {
    for (const at of found) annotate(at, `${ref.model} cannot see images, so only this image's path and size are given.`);
  } else {
    const newest = found.slice(-MAX_IMAGES_PER_CALL);
    for (const at of found.slice(0, -MAX_IMAGES_PER_CALL)) annotate(at, 'An earlier image, not sent again: newer ones follow.');
    const reads = await Promise.all(newest.map((at) => read(at.image).catch((err: unknown) => ({ refused: err instanceof Error ? err.message : String(err) }))));
    newest.forEach((at, index) => {
      const got = reads[index]!;
      if ('refused' in got) return annotate(at, `The image is not shown: ${got.refused}.`);
      const parts = partsOf(at.message);
      const part = parts[at.part]!;
      sent += 1;
      if (mode === 'tool-result') {
        parts[at.part] = { ...part, output: { type: 'content', value: [{ type: 'text', text: JSON.stringify(at.value) }, { type: 'image-data', data: got.data, mediaType: got.mediaType }] } };
        return;
      }
      annotate(at, 'The image follows in the next message.');
      const content = following.get(at.message) ?? [];
      content.push({ type: 'text', text: `The image ${part.toolName} returned (call ${part.toolCallId}):` }, { type: 'image', image: got.data, mediaType: got.mediaType });
      following.set(at.message, content);
    });
  }
  for (const [m, parts] of results) next[m] = { ...(messages[m] as ToolModelMessage), content: parts };
  // Inserted from the end, so the earlier indexes stay right.
  for (const m of [...following.keys()].sort((a, b) => b - a)) next.splice(m + 1, 0, { role: 'user', content: following.get(m)! });
  return { messages: next, sent, withheld: mode === null ? found.length : 0 };
}

