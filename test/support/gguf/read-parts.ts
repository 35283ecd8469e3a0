import type { StreamPart } from '../../../src/shared/language-model-v3';

/** Reads a stream, calling `onPart` with each part; resolves with the parts, or rejects as the stream does. */
export async function readParts(stream: ReadableStream<StreamPart>, onPart: (part: StreamPart) => void = () => undefined): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
    onPart(value);
  }
}
