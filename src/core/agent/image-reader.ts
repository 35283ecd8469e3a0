import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { SCREENSHOTS_DIR, type ImageOutput } from '../../shared/image-output';

/** An image's bytes for a model, or why it is not sent. */
export type ReadImage = { data: string; mediaType: 'image/png' } | { refused: string };

/** Reads the image a tool result names, for a vision model to see. */
export type ImageReader = (image: ImageOutput) => Promise<ReadImage>;

/** Providers cap an image at ~5 MB of base64; a PNG this size encodes to just under it. */
export const MAX_IMAGE_BYTES = 3_750_000;
const PNG_SIGNATURE = '89504e470d0a1a0a';

/**
 * SECURITY: the only files whose bytes reach a model as images. A tool result is the model's (and any
 * tool's) say: one naming ~/.ssh/id_rsa as its "screenshot" must not send that key anywhere. So an image
 * is read only when its real path (links resolved) is inside <data>/screenshots, it is a regular file of
 * at most MAX_IMAGE_BYTES, and it starts as a PNG does.
 */
export function screenshotReader(dataDir: string): ImageReader {
  const folder = join(dataDir, SCREENSHOTS_DIR);
  return async (image) => {
    let real: string;
    let root: string;
    try {
      [real, root] = await Promise.all([realpath(image.path), realpath(folder)]);
    } catch {
      return { refused: 'the file is gone' };
    }
    if (!real.startsWith(root + sep)) return { refused: `it is not a screenshot Aura Work took (only files in ${folder} are shown to models)` };
    const info = await stat(real);
    if (!info.isFile()) return { refused: 'it is not a file' };
    if (info.size > MAX_IMAGE_BYTES) return { refused: `it is ${Math.round(info.size / 1_000_000)} MB, more than the ${MAX_IMAGE_BYTES / 1_000_000} MB a model takes` };
    const bytes = await readFile(real);
    if (bytes.subarray(0, 8).toString('hex') !== PNG_SIGNATURE) return { refused: 'it is not a PNG' };
    return { data: bytes.toString('base64'), mediaType: 'image/png' };
  };
}
