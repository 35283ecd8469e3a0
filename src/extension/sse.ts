/** One server-sent event: its `event:` name (default `message`) and its joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental parser of `text/event-stream` (WHATWG HTML §9.2): feed it text as it arrives, in chunks
 * cut anywhere, and it returns the events completed so far. EventSource itself cannot send the
 * Authorization header the bridge needs, hence a parser over fetch.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    for (;;) {
      const end = lineEnd(this.buffer);
      if (end === null) break;
      const line = this.buffer.slice(0, end.at);
      this.buffer = this.buffer.slice(end.at + end.length);
      const event = this.line(line);
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') {
      // A blank line dispatches; an event with no data line is dropped, as EventSource does.
      const event = this.data.length > 0 ? { event: this.event || 'message', data: this.data.join('\n') } : null;
      this.event = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return null; // a comment: the heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }
}

/** Where the first complete line ends: CRLF, LF or CR. A CR at the very end may still be half of a CRLF. */
function lineEnd(text: string): { at: number; length: number } | null {
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') return { at: i, length: 1 };
    if (char === '\r') {
      if (i + 1 === text.length) return null;
      return { at: i, length: text[i + 1] === '\n' ? 2 : 1 };
    }
  }
  return null;
}
