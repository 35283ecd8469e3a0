import { z } from 'zod';

/**
 * The local channel (the CLI ↔ the host, over a Unix socket or named pipe): one JSON frame per line, the
 * same call and reply frames as the WebSocket (`ClientFrame`, `HostFrame`). Events are sent only to a client
 * that asked with `events.subscribe`, and only the topics it named.
 */
export const SUBSCRIBE_METHOD = 'events.subscribe';
export const SubscribeInput = z.object({ topics: z.array(z.string().max(100)).max(50) }).strict();

/** A frame longer than this closes the connection: no client of the contract sends one. */
export const MAX_LOCAL_FRAME_BYTES = 8 * 1024 * 1024;
