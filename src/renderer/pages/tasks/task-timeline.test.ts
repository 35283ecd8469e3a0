import { describe, expect, it } from '@jest/globals';
import { detail, message, review, toolCall } from './task-fixtures';
import { buildTimeline } from './task-timeline';

describe('buildTimeline', () => {
  it('merges messages, tool calls and reviews by creation time', () => {
    const timeline = buildTimeline(
      detail({
        messages: [message('goal', 0, { role: 'user' }), message('plan', 1, { role: 'planner' }), message('summary', 5)],
        toolCalls: [toolCall('read', 2), toolCall('edit', 3)],
        reviews: [review('verdict', 6)],
      }),
    );
    expect(timeline.map((entry) => `${entry.kind}:${entry.id}`)).toEqual(['message:goal', 'message:plan', 'toolCall:read', 'toolCall:edit', 'message:summary', 'review:verdict']);
  });

  it('keeps list order for entries created at the same moment', () => {
    const timeline = buildTimeline(detail({ messages: [message('b', 1), message('a', 1)], toolCalls: [toolCall('c', 1)] }));
    expect(timeline.map((entry) => entry.id)).toEqual(['b', 'a', 'c']);
  });
});
