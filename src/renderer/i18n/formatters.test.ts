import { describe, expect, it } from '@jest/globals';
import { createFormatters } from './formatters';

describe('createFormatters', () => {
  const en = createFormatters('en');

  it('formats sizes in binary steps', () => {
    // Exact spellings come from the ICU data of the runtime, so only the number and unit are checked.
    expect(en.bytes(512)).toMatch(/^512\s?(B|byte)$/);
    expect(en.bytes(2048)).toMatch(/^2\s?kB$/);
    expect(en.bytes(5.5 * 1024 * 1024)).toMatch(/^5\.5\s?MB$/);
  });

  it('formats durations from their largest unit', () => {
    expect(en.duration(0)).toMatch(/^0\s?sec/);
    expect(en.duration(3_725)).toMatch(/^1\s?hr, 2\s?min, 5\s?sec$/);
    expect(en.duration(90_000)).toMatch(/^1\s?day, 1\s?hr$/);
  });

  it('shows an unreadable timestamp as it is instead of throwing', () => {
    expect(en.dateTime('not a date')).toBe('not a date');
  });
});
