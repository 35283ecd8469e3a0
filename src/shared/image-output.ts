import { z } from 'zod';

/**
 * An image a tool produced (browser_screenshot, computer_screenshot), shared by the tools that make one
 * and the agent engine that hands it to vision-capable models. The image lives in a file under the data
 * directory, never inline: tool results, the audit trail and `aura tools call` carry its path, and only
 * the model call reads the bytes.
 */
export const ImageOutput = z.object({
  /** Absolute path of the PNG, under the data directory (`<data>/screenshots/…`). */
  path: z.string().min(1),
  mimeType: z.literal('image/png'),
  /** Pixels of the saved image. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ImageOutput = z.infer<typeof ImageOutput>;

/** The data directory's folder for tool screenshots; each tool keeps a subfolder (`browser`, `computer`). */
export const SCREENSHOTS_DIR = 'screenshots';

/**
 * The image a tool's output carries, or null. A tool's output is an image when it has the fields of
 * `ImageOutput` at its top level (extra fields, such as the page's URL, are allowed beside them).
 */
export function imageOutputOf(output: unknown): ImageOutput | null {
  const parsed = ImageOutput.safeParse(output);
  return parsed.success ? parsed.data : null;
}
