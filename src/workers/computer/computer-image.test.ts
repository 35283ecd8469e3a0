import { describe, expect, it } from '@jest/globals';
import { decodePng } from '../../../test/support/png';
import { encodePng } from './png-encode';
import { markPoint, markRectangle } from './screen-marker';
import { explainFailure, findProgram, shellNumbers } from './x-programs';
import { decodeXwd, shrinkToWidth, type RgbImage } from './xwd-image';

/** An XWD file as xwd writes one: big-endian header with the window name, the colormap, then the pixels. */
function xwd({ width, height, bitsPerPixel, lsbFirst, masks, visualClass = 4, colormap = [], pixels }: { width: number; height: number; bitsPerPixel: number; lsbFirst: boolean; masks: [number, number, number]; visualClass?: number; colormap?: [number, number, number, number][]; pixels: number[] }): Uint8Array {
  const name = Buffer.from('xwdump\0');
  const headerSize = 100 + name.length;
  const bytesPerPixel = bitsPerPixel / 8;
  const bytesPerLine = Math.ceil((width * bytesPerPixel) / 4) * 4;
  const out = Buffer.alloc(headerSize + colormap.length * 12 + bytesPerLine * height);
  const fields = [headerSize, 7, 2, 24, width, height, 0, lsbFirst ? 0 : 1, 32, 0, 32, bitsPerPixel, bytesPerLine, visualClass, ...masks, 8, colormap.length, colormap.length, width, height, 0, 0, 0];
  fields.forEach((value, index) => out.writeUInt32BE(value, index * 4));
  name.copy(out, 100);
  colormap.forEach(([pixel, r, g, b], index) => {
    const at = headerSize + index * 12;
    out.writeUInt32BE(pixel, at);
    out.writeUInt16BE(r * 257, at + 4);
    out.writeUInt16BE(g * 257, at + 6);
    out.writeUInt16BE(b * 257, at + 8);
  });
  const start = headerSize + colormap.length * 12;
  pixels.forEach((pixel, index) => {
    const at = start + Math.floor(index / width) * bytesPerLine + (index % width) * bytesPerPixel;
    for (let i = 0; i < bytesPerPixel; i += 1) out[at + i] = lsbFirst ? (pixel >>> (8 * i)) & 0xff : (pixel >>> (8 * (bytesPerPixel - 1 - i))) & 0xff;
  });
  return out;
}

const rgbOf = (image: RgbImage) => Array.from(image.rgb);

describe('decodeXwd', () => {
  it('reads 32-bit true colour, least significant byte first (every current X server at depth 24)', () => {
    const image = decodeXwd(xwd({ width: 2, height: 2, bitsPerPixel: 32, lsbFirst: true, masks: [0xff0000, 0xff00, 0xff], pixels: [0xff0000, 0x00ff00, 0x0000ff, 0x123456] }));
    expect(image).toMatchObject({ width: 2, height: 2 });
    expect(rgbOf(image)).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 0x12, 0x34, 0x56]);
  });

  it('reads other layouts through the channel masks: 16-bit 5-6-5, most significant byte first', () => {
    const image = decodeXwd(xwd({ width: 3, height: 1, bitsPerPixel: 16, lsbFirst: false, masks: [0xf800, 0x07e0, 0x001f], pixels: [0xf800, 0x07e0, 0xffff] }));
    expect(rgbOf(image)).toEqual([255, 0, 0, 0, 255, 0, 255, 255, 255]);
  });

  it('reads 8-bit pseudo colour through the colormap', () => {
    const image = decodeXwd(xwd({ width: 2, height: 1, bitsPerPixel: 8, lsbFirst: true, masks: [0, 0, 0], visualClass: 3, colormap: [[0, 10, 20, 30], [1, 200, 100, 50]], pixels: [1, 0] }));
    expect(rgbOf(image)).toEqual([200, 100, 50, 10, 20, 30]);
  });

  it('says clearly what is wrong with a file it cannot read', () => {
    const good = xwd({ width: 2, height: 2, bitsPerPixel: 32, lsbFirst: true, masks: [0xff0000, 0xff00, 0xff], pixels: [0, 0, 0, 0] });
    expect(() => decodeXwd(good.subarray(0, 50))).toThrow('shorter than its header');
    expect(() => decodeXwd(good.subarray(0, good.length - 1))).toThrow('cut short');
  });
});

describe('encodePng', () => {
  it('writes a PNG any decoder reads back pixel for pixel', () => {
    const width = 37;
    const height = 11;
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 7919) % 256);
    const decoded = decodePng(encodePng({ width, height, rgb }));
    expect(decoded).toMatchObject({ width, height });
    expect(Buffer.from(decoded.rgb).equals(Buffer.from(rgb))).toBe(true);
  });
});

describe('shrinkToWidth', () => {
  it('averages blocks down to at most the width asked, and leaves a small image as it is', () => {
    const image = { width: 4, height: 2, rgb: Uint8Array.from([0, 0, 0, 100, 100, 100, 10, 10, 10, 10, 10, 10, 200, 200, 200, 100, 100, 100, 10, 10, 10, 10, 10, 10]) };
    const small = shrinkToWidth(image, 2);
    expect(small).toMatchObject({ width: 2, height: 1 });
    expect(rgbOf(small)).toEqual([100, 100, 100, 10, 10, 10]);
    expect(shrinkToWidth(image, 4)).toBe(image);
  });
});

describe('screen markers', () => {
  const blank = (width: number, height: number): RgbImage => ({ width, height, rgb: new Uint8Array(width * height * 3) });
  const at = (image: RgbImage, x: number, y: number) => Array.from(image.rgb.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));

  it('rings a point in red with a white edge, leaving the point itself visible', () => {
    const image = blank(100, 100);
    markPoint(image, 50, 50);
    expect(at(image, 67, 50)).toEqual([0xe5, 0x1c, 0x23]);
    expect(at(image, 50, 50)).toEqual([0, 0, 0]);
    expect(at(image, 69, 50)).toEqual([255, 255, 255]);
    expect(at(image, 70, 50)).toEqual([0, 0, 0]);
  });

  it('draws at the screen’s edges without writing outside the image', () => {
    const image = blank(10, 10);
    markPoint(image, 0, 0);
    markRectangle(image, -5, -5, 30, 30);
    expect(image.rgb.length).toBe(300);
    expect(at(image, 0, 5)).toEqual([0xe5, 0x1c, 0x23]);
  });
});

describe('the X programs', () => {
  it('turns their failures into what to do', () => {
    expect(explainFailure('xwd', ':9', "xwd:  unable to open display ':9'", 1)).toMatchObject({ code: 'IO_ERROR', message: 'No X server answers on display :9.', hint: expect.stringContaining('Xvfb :9') });
    expect(explainFailure('xdotool', ':0', 'Authorization required, but no authorization protocol specified', 1)).toMatchObject({ message: expect.stringContaining('refused the connection'), hint: expect.stringContaining('XAUTHORITY') });
    expect(explainFailure('xwd', ':0', "Invalid MIT-MAGIC-COOKIE-1 key\nxwd:  unable to open display ':0'", 1)).toMatchObject({ message: expect.stringContaining('refused the connection') });
    expect(explainFailure('xdotool', ':0', 'something else', 3).message).toBe('xdotool failed (exit 3): something else.');
  });

  it('finds a program on the PATH or in the system folders, and reads xdotool’s --shell output', () => {
    expect(findProgram('xdotool', '/nowhere')).toMatch(/\/xdotool$/);
    expect(shellNumbers('X=10\nY=-4\nWINDOW=1234\nSCREEN=0\nnoise\n')).toEqual({ X: 10, Y: -4, WINDOW: 1234, SCREEN: 0 });
  });
});
