import type { Response } from 'express';
import type { AuraApp } from '../../core/app';
import { CLIENT_TOPICS, mayReceive, maySubscribe } from '../../core/auth/event-access';
import type { Principal } from '../../shared/auth';
import { isEventName, type EventName } from '../../shared/contract';
import type { ErrorShape } from '../../shared/errors';

interface Stream {
  clientId: string;
  principal: Principal;
  topics: ReadonlySet<EventName>;
  res: Response;
}

export interface EventStreamOptions {
  heartbeatMs: number;
  maxPerClient: number;
  /** A client that reads slower than events come is cut off past this much unsent output. */
  maxBufferedBytes: number;
}

export type TopicChoice = { ok: true; topics: Set<EventName> } | { ok: false; status: number; error: ErrorShape };

/** The topics a `?topics=` asks for, each allowed by the client's scopes; none given: every topic it may see. */
export function chooseTopics(principal: Principal, asked: unknown): TopicChoice {
  if (asked !== undefined && typeof asked !== 'string') return { ok: false, status: 400, error: { code: 'BAD_REQUEST', message: 'Give topics once, comma-separated.' } };
  const names = asked === undefined || asked === '' ? CLIENT_TOPICS.filter((topic) => maySubscribe(principal, topic)) : asked.split(',').map((topic) => topic.trim());
  const topics = new Set<EventName>();
  for (const name of names) {
    if (!isEventName(name) || !CLIENT_TOPICS.includes(name)) return { ok: false, status: 400, error: { code: 'BAD_REQUEST', message: `There is no topic "${name.slice(0, 60)}".`, hint: `Topics: ${CLIENT_TOPICS.join(', ')}.` } };
    if (!maySubscribe(principal, name)) return { ok: false, status: 403, error: { code: 'FORBIDDEN', message: `This client may not follow ${name}.`, hint: 'Pair the client again with the scope it needs (tasks:read, or approvals for tool calls waiting for an answer).' } };
    topics.add(name);
  }
  if (!topics.size) return { ok: false, status: 403, error: { code: 'FORBIDDEN', message: 'This client may not follow any topic.', hint: 'Pair the client again with tasks:read or approvals.' } };
  return { ok: true, topics };
}

/**
 * GET /v1/events: Server-Sent Events. One subscription to the app's event bus feeds every open stream;
 * each event is serialized once and written to the streams whose topics and scopes allow it. A revoked
 * client's streams close at once; an expired one's at the next heartbeat.
 */
export class EventStreams {
  private readonly streams = new Set<Stream>();
  private unsubscribe: (() => void) | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopRevoked: () => void;

  constructor(
    private readonly app: AuraApp,
    private readonly options: EventStreamOptions,
  ) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
    this.stopRevoked = app.bridge.onRevoked((clientId) => this.closeClient(clientId));
  }

  countFor(clientId: string): number {
    let count = 0;
    for (const stream of this.streams) if (stream.clientId === clientId) count += 1;
    return count;
  }

  open(res: Response, clientId: string, principal: Principal, topics: Set<EventName>): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Connection', 'keep-alive');
    res.flushHeaders();
    res.write(`retry: 3000\n: topics ${[...topics].join(',')}\n\n`);
    const stream: Stream = { clientId, principal, topics, res };
    this.streams.add(stream);
    this.unsubscribe ??= this.app.events.subscribe((event, payload) => this.deliver(event, payload));
    res.on('close', () => this.drop(stream));
  }

  closeClient(clientId: string): void {
    for (const stream of this.streams) if (stream.clientId === clientId) this.end(stream);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.stopRevoked();
    for (const stream of this.streams) this.end(stream);
  }

  private deliver(event: EventName, payload: unknown): void {
    let frame: string | null = null;
    for (const stream of this.streams) {
      if (!stream.topics.has(event) || !mayReceive(stream.principal, event, payload)) continue;
      // The bus has redacted the payload already; JSON text holds no raw newline, so one data line suffices.
      frame ??= `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      this.write(stream, frame);
    }
  }

  private beat(): void {
    for (const stream of this.streams) {
      if (!this.app.bridge.isLive(stream.clientId)) this.end(stream);
      else this.write(stream, ': ping\n\n');
    }
  }

  private write(stream: Stream, frame: string): void {
    if (stream.res.writableLength > this.options.maxBufferedBytes) {
      stream.res.destroy();
      this.drop(stream);
      return;
    }
    stream.res.write(frame);
  }

  private end(stream: Stream): void {
    this.drop(stream);
    stream.res.end();
  }

  private drop(stream: Stream): void {
    this.streams.delete(stream);
    if (!this.streams.size && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
  }
}
