import { z } from 'zod';
import { ErrorShape } from './errors';

/** What a procedure call returns on every transport: a result or the one error shape. */
export const RpcResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorShape }),
]);
export type RpcResult = z.infer<typeof RpcResult>;

/** WebSocket frames, client → host. */
export const ClientFrame = z
  .object({ id: z.number().int().nonnegative(), method: z.string().max(100), input: z.unknown().optional() })
  .strict();
export type ClientFrame = z.infer<typeof ClientFrame>;

export type ParsedClientFrame = { success: true; data: ClientFrame } | { success: false; id: number };

/** Reads one call frame; a bad one keeps its id when it has one, so the refusal can answer it. */
export function parseClientFrame(text: string): ParsedClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { success: false, id: -1 };
  }
  const parsed = ClientFrame.safeParse(raw);
  if (parsed.success) return { success: true, data: parsed.data };
  const id = (raw as { id?: unknown } | null)?.id;
  return { success: false, id: Number.isSafeInteger(id) ? (id as number) : -1 };
}

/** WebSocket frames, host → client: a reply to a call, or a pushed event. */
export const HostFrame = z.union([
  z.object({ type: z.literal('reply'), id: z.number().int(), reply: RpcResult }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type HostFrame = z.infer<typeof HostFrame>;
