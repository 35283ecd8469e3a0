import { z } from 'zod';
import { DEFAULT_PORT, Port } from './messages';
import { PairingState, UNPAIRED } from './pairing';

/** What the extension keeps in chrome.storage.local: the port, the pairing (with its token), the last task. */
export const StoredState = z
  .object({
    port: Port,
    pairing: PairingState,
    taskId: z.string().uuid().nullable(),
  })
  .strict();
export type StoredState = z.infer<typeof StoredState>;

export const STORAGE_KEY = 'aura';
export const INITIAL_STATE: StoredState = { port: DEFAULT_PORT, pairing: UNPAIRED, taskId: null };

/** Reads what storage held, field by field: one unreadable field (a bad edit, an older layout) falls back alone. */
export function readStoredState(raw: unknown): StoredState {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    port: Port.catch(INITIAL_STATE.port).parse(record.port),
    pairing: PairingState.catch(INITIAL_STATE.pairing).parse(record.pairing),
    taskId: StoredState.shape.taskId.catch(null).parse(record.taskId),
  };
}
