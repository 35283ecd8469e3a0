/**
 * One line for an audit entry's detail: `name: site · path: /home/me/site`. The detail is recorded
 * data (later it will hold model and tool output), so it is only ever rendered as text.
 */
export function summarizeDetail(detail: Record<string, unknown>, maxLength = 140): string {
  const text = Object.entries(detail)
    .map(([key, value]) => `${key}: ${describeValue(value)}`)
    .join(' · ')
    .replace(/\s+/g, ' ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** The whole detail, pretty-printed, for the hover text of a truncated summary. */
export function fullDetail(detail: Record<string, unknown>): string {
  return JSON.stringify(detail, null, 2);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? String(value);
}
