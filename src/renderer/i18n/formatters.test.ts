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

  it('formats short elapsed times', () => {
    expect(en.elapsed(350.4)).toMatch(/^350\s?ms$/);
    expect(en.elapsed(4_240)).toMatch(/^4\.2\s?sec$/);
    expect(en.elapsed(125_000)).toMatch(/^2\s?min, 5\s?sec$/);
  });

  it('formats dollars, keeping fractions of a cent readable', () => {
    expect(en.usd(0)).toBe('$0.00');
    expect(en.usd(1.234)).toBe('$1.23');
    expect(en.usd(0.001234)).toBe('$0.0012');
    expect(createFormatters('fr').usd(1.5)).toMatch(/^1,50\s?\$US$|^1,50\s?\$$/);
  });

  it('shows an unreadable timestamp as it is instead of throwing', () => {
    expect(en.dateTime('not a date')).toBe('not a date');
  });
});
