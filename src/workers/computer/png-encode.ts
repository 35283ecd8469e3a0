import { crc32, deflateSync } from 'node:zlib';
import type { RgbImage } from './xwd-image';

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Fast over small: screenshots are mostly flat areas, which even level 1 packs well. */
const LEVEL = 3;

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/**
 * Encodes 8-bit RGB as a PNG (colour type 2, no interlace). Each row uses the "Sub" filter (a pixel minus
 * its left neighbour), which turns the flat areas of a screen into runs of zeros that deflate packs well.
 */
export function encodePng({ width, height, rgb }: RgbImage): Buffer {
  const rowBytes = width * 3;
  const filtered = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const from = y * rowBytes;
    const to = y * (rowBytes + 1);
    filtered[to] = 1;
    for (let i = 0; i < 3 && i < rowBytes; i += 1) filtered[to + 1 + i] = rgb[from + i]!;
    for (let i = 3; i < rowBytes; i += 1) filtered[to + 1 + i] = (rgb[from + i]! - rgb[from + i - 3]!) & 0xff;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(filtered, { level: LEVEL })), chunk('IEND', new Uint8Array(0))]);
}
