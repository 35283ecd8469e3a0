import { inflateSync } from 'node:zlib';

/** A decoded PNG: 8-bit RGB triples, row after row. */
export interface DecodedPng {
  width: number;
  height: number;
  rgb: Uint8Array;
}

const SIGNATURE = '89504e470d0a1a0a';

/** Whether these bytes start as a PNG does. */
export const isPng = (data: Uint8Array): boolean => Buffer.from(data.subarray(0, 8)).toString('hex') === SIGNATURE;

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG independently of the encoder under test: 8-bit RGB or RGBA, no interlace, every filter
 * type. Enough to check what the computer worker writes and to compare two screenshots.
 */
export function decodePng(data: Uint8Array): DecodedPng {
  const buffer = Buffer.from(data);
  if (!isPng(buffer)) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are read here');
      channels = body[9] === 2 ? 3 : body[9] === 6 ? 4 : 0;
      if (!channels) throw new Error(`colour type ${body[9]} is not read here`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i += 1) {
      const value = raw[y * (stride + 1) + 1 + i]!;
      const left = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
      pixels[y * stride + i] = (value + predicted) & 0xff;
    }
  }
  if (channels === 3) return { width, height, rgb: pixels };
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p += 1) rgb.set(pixels.subarray(p * 4, p * 4 + 3), p * 3);
  return { width, height, rgb };
}

/** How many pixels differ between two images of the same size, within a rectangle (all of it by default). */
export function changedPixels(a: DecodedPng, b: DecodedPng, area = { x: 0, y: 0, width: a.width, height: a.height }): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error('the images differ in size');
  let changed = 0;
  for (let y = area.y; y < area.y + area.height; y += 1) {
    for (let x = area.x; x < area.x + area.width; x += 1) {
      const at = (y * a.width + x) * 3;
      if (a.rgb[at] !== b.rgb[at] || a.rgb[at + 1] !== b.rgb[at + 1] || a.rgb[at + 2] !== b.rgb[at + 2]) changed += 1;
    }
  }
  return changed;
}
