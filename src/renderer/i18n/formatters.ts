/** Locale-aware formatting of the values the pages show, all through Intl. */
export interface Formatters {
  dateTime(iso: string): string;
  date(iso: string): string;
  number(value: number): string;
  bytes(value: number): string;
  duration(totalSeconds: number): string;
  /** A short elapsed time: `350 ms`, `4.2 sec`, then the units of `duration`. */
  elapsed(milliseconds: number): string;
  /** An amount in US dollars; amounts under a cent keep two significant digits (`$0.0012`). */
  usd(value: number): string;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function createFormatters(locale: string): Formatters {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const number = new Intl.NumberFormat(locale);
  const list = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
  const dollars = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const cents = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });
  // Built once per unit and precision: durations and sizes are formatted for every row of a long task.
  const units = new Map<string, Intl.NumberFormat>();
  const unit = (name: string, value: number, fractionDigits = 0) => {
    const key = `${name}:${fractionDigits}`;
    let format = units.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: fractionDigits });
      units.set(key, format);
    }
    return format.format(value);
  };

  // A bad timestamp from the host should show as itself, not crash the page with a RangeError.
  const safeDate = (format: Intl.DateTimeFormat, iso: string) => {
    const value = new Date(iso);
    return Number.isNaN(value.getTime()) ? iso : format.format(value);
  };

  const duration = (totalSeconds: number): string => {
    const seconds = Math.max(0, Math.floor(totalSeconds));
    const parts: [string, number][] = [
      ['day', Math.floor(seconds / 86_400)],
      ['hour', Math.floor((seconds % 86_400) / 3_600)],
      ['minute', Math.floor((seconds % 3_600) / 60)],
      ['second', seconds % 60],
    ];
    const shown = parts.filter(([, amount]) => amount > 0).map(([name, amount]) => unit(name, amount));
    return shown.length ? list.format(shown) : unit('second', 0);
  };

  return {
    dateTime: (iso) => safeDate(dateTime, iso),
    date: (iso) => safeDate(date, iso),
    number: (value) => number.format(value),
    bytes(value) {
      let size = value;
      let index = 0;
      while (size >= 1024 && index < BYTE_UNITS.length - 1) {
        size /= 1024;
        index += 1;
      }
      return unit(BYTE_UNITS[index] ?? 'byte', size, index === 0 ? 0 : 1);
    },
    elapsed(milliseconds) {
      const ms = Math.max(0, milliseconds);
      if (ms < 1000) return unit('millisecond', Math.round(ms));
      if (ms < 60_000) return unit('second', ms / 1000, 1);
      return duration(ms / 1000);
    },
    usd: (value) => (value > 0 && value < 0.01 ? cents : dollars).format(value),
    duration,
  };
}
