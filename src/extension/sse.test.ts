import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SseParser, type SseEvent } from './sse';

const STREAM = ': heartbeat\n\nevent: task.updated\ndata: {"id":"a"}\n\nevent: task.step\r\ndata: line one\r\ndata: line two\r\n\r\ndata:no space\rid: 7\r\rretry: 10\nevent: empty\n\n';
const EXPECTED: SseEvent[] = [
  { event: 'task.updated', data: '{"id":"a"}' },
  { event: 'task.step', data: 'line one\nline two' },
  { event: 'message', data: 'no space' },
];

describe('the event-stream parser', () => {
  it('reads events, names, multi-line data and comments, with LF, CRLF and CR line ends', () => {
    expect(new SseParser().push(STREAM)).toEqual(EXPECTED);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: STREAM.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parser = new SseParser();
        const events: SseEvent[] = [];
        let from = 0;
        for (const point of [...points, STREAM.length]) {
          events.push(...parser.push(STREAM.slice(from, point)));
          from = point;
        }
        expect(events).toEqual(EXPECTED);
      }),
      { numRuns: 1000 },
    );
  });

  it('holds an event back until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: task.updated\ndata: {}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'task.updated', data: '{}' }]);
  });
});
