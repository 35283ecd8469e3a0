import { z } from 'zod';
import { ErrorShape } from './errors';

/**
 * The one message protocol between the host and its worker processes (VM/shell, local model, and
 * later browser and computer use). Every message either way is validated with these schemas; a worker
 * declares its methods as a table of input/output schemas, like the IPC contract.
 */
export const WorkerRequest = z.object({ kind: z.literal('request'), id: z.number().int().nonnegative(), method: z.string().min(1).max(100), params: z.unknown() }).strict();
export const WorkerCancel = z.object({ kind: z.literal('cancel'), id: z.number().int().nonnegative() }).strict();
export const WorkerPing = z.object({ kind: z.literal('ping'), id: z.number().int().nonnegative() }).strict();
/** Host → worker. */
export const HostToWorker = z.discriminatedUnion('kind', [WorkerRequest, WorkerCancel, WorkerPing]);
export type HostToWorker = z.infer<typeof HostToWorker>;

export const WorkerResponse = z.discriminatedUnion('ok', [
  z.object({ kind: z.literal('response'), id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }).strict(),
  z.object({ kind: z.literal('response'), id: z.number().int().nonnegative(), ok: z.literal(false), error: ErrorShape }).strict(),
]);
/** A piece of a call's progress (streamed output, tokens) before its response. */
export const WorkerProgress = z.object({ kind: z.literal('progress'), id: z.number().int().nonnegative(), data: z.unknown() }).strict();
export const WorkerPong = z.object({ kind: z.literal('pong'), id: z.number().int().nonnegative() }).strict();
/** Sent once when the worker is ready for requests. */
export const WorkerReady = z.object({ kind: z.literal('ready'), pid: z.number().int() }).strict();
/** Worker → host. */
export const WorkerToHost = z.union([WorkerResponse, WorkerProgress, WorkerPong, WorkerReady]);
export type WorkerToHost = z.infer<typeof WorkerToHost>;

/** One method of a worker: its params and result, and the progress data it reports before its result, if any. */
export type WorkerMethod = { params: z.ZodType; result: z.ZodType; progress?: z.ZodType };
/** A worker's methods. Both sides validate against them: the worker its params, the host its results and progress. */
export type WorkerMethods = Record<string, WorkerMethod>;

/** What the host passes to a method, and what it gets back (after validation). */
export type MethodParams<M extends WorkerMethod> = z.input<M['params']>;
export type MethodResult<M extends WorkerMethod> = z.output<M['result']>;
export type MethodProgress<M extends WorkerMethod> = M['progress'] extends z.ZodType ? z.output<M['progress']> : never;
