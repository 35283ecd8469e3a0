import { z } from 'zod';

/**
 * The structured answer test/support/gguf/run-local-model.ts asks the tiny model for. A grammar holds
 * the model to it; the grammar makes `detail` required, the model writes it `null`, and the provider
 * takes that out again, since zod refuses a null for an optional object.
 */
export const moodSchema = z.object({ mood: z.enum(['happy', 'sad']), detail: z.object({ score: z.number() }).optional() });
