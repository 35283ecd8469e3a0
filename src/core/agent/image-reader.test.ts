import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_IMAGE_BYTES, screenshotReader } from './image-reader';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('rest of the image')]);
const shape = (path: string) => ({ path, mimeType: 'image/png' as const, width: 10, height: 10 });

function dataDir() {
  const data = mkdtempSync(join(tmpdir(), 'aura-images-'));
  mkdirSync(join(data, 'screenshots', 'computer'), { recursive: true });
  return data;
}

describe('screenshotReader', () => {
  it('reads a PNG under <data>/screenshots as base64', async () => {
    const data = dataDir();
    const file = join(data, 'screenshots', 'computer', 'a.png');
    writeFileSync(file, PNG);
    expect(await screenshotReader(data)(shape(file))).toEqual({ data: PNG.toString('base64'), mediaType: 'image/png' });
  });

  it('refuses anything else a tool result may name: files outside, links out, non-PNGs, huge files, missing ones', async () => {
    const data = dataDir();
    const read = screenshotReader(data);
    const secret = join(data, 'id_rsa');
    writeFileSync(secret, PNG); // even with a PNG's first bytes, it is not a screenshot
    expect(await read(shape(secret))).toEqual({ refused: expect.stringContaining('not a screenshot') });
    expect(await read(shape(join(data, 'screenshots', 'computer', '..', '..', 'id_rsa')))).toEqual({ refused: expect.stringContaining('not a screenshot') });
    const link = join(data, 'screenshots', 'computer', 'link.png');
    symlinkSync(secret, link);
    expect(await read(shape(link))).toEqual({ refused: expect.stringContaining('not a screenshot') });
    const text = join(data, 'screenshots', 'computer', 'text.png');
    writeFileSync(text, 'not an image');
    expect(await read(shape(text))).toEqual({ refused: 'it is not a PNG' });
    const huge = join(data, 'screenshots', 'computer', 'huge.png');
    writeFileSync(huge, Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)]));
    expect(await read(shape(huge))).toEqual({ refused: expect.stringContaining('MB') });
    expect(await read(shape(join(data, 'screenshots', 'computer', 'missing.png')))).toEqual({ refused: 'the file is gone' });
    expect(await read(shape(join(data, 'screenshots', 'computer')))).toEqual({ refused: 'it is not a file' });
  });
});
