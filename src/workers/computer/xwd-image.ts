import { AuraError } from '../../shared/errors';

/** An image as 8-bit RGB triples, row after row (no padding). */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

const HEADER_FIELDS = 25;
const TRUE_COLOR = 4;
const DIRECT_COLOR = 5;
const Z_PIXMAP = 2;

const broken = (why: string) => new AuraError('IO_ERROR', `The screenshot could not be read: ${why}.`, 'Try again; if it keeps failing, the X server on this display may use a pixel format Aura Work does not read yet.');

/** A mask's position and width: 0x00ff0000 → shift 16, 8 bits. */
function maskShape(mask: number): { shift: number; bits: number } {
  if (mask === 0) return { shift: 0, bits: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift += 1;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1) bits += 1;
  return { shift, bits };
}

/** How a server lays out the pixels of an image: what `xwd` writes in its header, and X11's GetImage reply. */
export interface PixelLayout {
  width: number;
  height: number;
  bytesPerLine: number;
  bitsPerPixel: number;
  /** The image byte order: least significant byte first. */
  lsbFirst: boolean;
  /** True or direct colour, read through the masks; otherwise indexes into `palette` (RGB triples). */
  trueColor: boolean;
  masks: readonly [number, number, number];
  palette?: Uint8Array;
}

/**
 * Reads the output of `xwd -root` (X Window Dump, file version 7): a big-endian header, the colormap, then
 * the pixels in the server's byte order.
 */
export function decodeXwd(data: Uint8Array): RgbImage {
  if (data.length < HEADER_FIELDS * 4) throw broken('it is shorter than its header');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const field = (index: number) => view.getUint32(index * 4, false);
  const headerSize = field(0);
  const [version, format, , width = 0, height = 0, , byteOrder, , , , bitsPerPixel = 0, bytesPerLine = 0, visualClass, redMask = 0, greenMask = 0, blueMask = 0, , , colors = 0] = Array.from({ length: 20 }, (_, index) => field(index + 1));
  if (version !== 7) throw broken(`xwd file version ${version}, not 7`);
  if (format !== Z_PIXMAP) throw broken('it is not a ZPixmap');
  const colormapAt = headerSize;
  const pixelsAt = colormapAt + colors * 12;
  const trueColor = visualClass === TRUE_COLOR || visualClass === DIRECT_COLOR;
  let palette: Uint8Array | undefined;
  if (!trueColor) {
    // Each entry: pixel (32), red, green, blue (16 each), flags, pad.
    palette = new Uint8Array(256 * 3);
    for (let i = 0; i < colors && colormapAt + i * 12 + 12 <= data.length; i += 1) {
      const at = colormapAt + i * 12;
      const pixel = view.getUint32(at, false);
      if (pixel > 255) continue;
      palette[pixel * 3] = data[at + 4]!;
      palette[pixel * 3 + 1] = data[at + 6]!;
      palette[pixel * 3 + 2] = data[at + 8]!;
    }
  }
  return toRgb({ width, height, bytesPerLine, bitsPerPixel, lsbFirst: byteOrder === 0, trueColor, masks: [redMask, greenMask, blueMask], ...(palette ? { palette } : {}) }, data, pixelsAt);
}

/**
 * Pixels as a server sends them (from `offset` in `data`) turned into RGB: true and direct colour at 16, 24
 * or 32 bits a pixel through the channel masks, 8-bit pseudo colour through the palette.
 */
export function toRgb({ width, height, bytesPerLine: stride, bitsPerPixel, lsbFirst: little, trueColor, masks, palette }: PixelLayout, data: Uint8Array, offset = 0): RgbImage {
  if (!width || !height || width > 32_767 || height > 32_767) throw broken(`a size of ${width}×${height}`);
  const bytesPerPixel = bitsPerPixel / 8;
  if (![1, 2, 3, 4].includes(bytesPerPixel)) throw broken(`${bitsPerPixel} bits per pixel`);
  if (!trueColor && !palette) throw broken('its colours are indexes into a colormap it does not carry');
  if (stride < width * bytesPerPixel || data.length < offset + stride * height) throw broken('it is cut short');
  const pixelsAt = offset;
  const [redMask, greenMask, blueMask] = masks;
  const rgb = new Uint8Array(width * height * 3);

  // The common case (every current X server at depth 24): 32-bit pixels, 8-bit channels, least significant byte first.
  if (trueColor && bytesPerPixel === 4 && little && redMask === 0xff0000 && greenMask === 0xff00 && blueMask === 0xff) {
    for (let y = 0; y < height; y += 1) {
      let from = pixelsAt + y * stride;
      let to = y * width * 3;
      for (let x = 0; x < width; x += 1, from += 4, to += 3) {
        rgb[to] = data[from + 2]!;
        rgb[to + 1] = data[from + 1]!;
        rgb[to + 2] = data[from]!;
      }
    }
    return { width, height, rgb };
  }

  const read = (at: number): number => {
    let value = 0;
    for (let i = 0; i < bytesPerPixel; i += 1) value = little ? value | (data[at + i]! << (8 * i)) : (value << 8) | data[at + i]!;
    return value >>> 0;
  };
  const channels = masks.map(maskShape);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const pixel = read(pixelsAt + y * stride + x * bytesPerPixel);
      const to = (y * width + x) * 3;
      if (palette) {
        const entry = (pixel & 0xff) * 3;
        rgb[to] = palette[entry]!;
        rgb[to + 1] = palette[entry + 1]!;
        rgb[to + 2] = palette[entry + 2]!;
        continue;
      }
      for (let c = 0; c < 3; c += 1) {
        const { shift, bits } = channels[c]!;
        const max = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
        rgb[to + c] = bits === 0 ? 0 : Math.round((((pixel >>> shift) & max) * 255) / max);
      }
    }
  }
  return { width, height, rgb };
}

/** A copy at most `maxWidth` wide: each block of f×f pixels averaged into one (f the smallest integer that fits). */
export function shrinkToWidth(image: RgbImage, maxWidth: number): RgbImage {
  const factor = Math.ceil(image.width / maxWidth);
  if (factor <= 1) return image;
  const width = Math.floor(image.width / factor);
  const height = Math.max(1, Math.floor(image.height / factor));
  const rgb = new Uint8Array(width * height * 3);
  const area = factor * factor;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < factor; dy += 1) {
        let at = ((y * factor + dy) * image.width + x * factor) * 3;
        for (let dx = 0; dx < factor; dx += 1, at += 3) {
          r += image.rgb[at]!;
          g += image.rgb[at + 1]!;
          b += image.rgb[at + 2]!;
        }
      }
      const to = (y * width + x) * 3;
      rgb[to] = r / area;
      rgb[to + 1] = g / area;
      rgb[to + 2] = b / area;
    }
  }
  return { width, height, rgb };
}
