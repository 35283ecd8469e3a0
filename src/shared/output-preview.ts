import { OUTPUT_PREVIEW_CHARS, type ToolCallPreview } from './task-history';
import type { ToolCallRecord } from './tasks';

/**
 * Cuts a tool's output to about `maxChars` characters while keeping its shape: strings are shortened,
 * lists and objects end early. A shortened `{path, content}` or `{diff}` is still one, so the page shows
 * a read's first lines or an edit's first hunks as such, not the first 2 KB of escaped JSON.
 */
export function shrinkOutput(value: unknown, maxChars = OUTPUT_PREVIEW_CHARS): { value: unknown; cut: boolean } {
  const budget = { left: maxChars, cut: false };
  const shrunk = shrink(value, budget);
  return { value: shrunk, cut: budget.cut };
}

function shrink(value: unknown, budget: { left: number; cut: boolean }): unknown {
  if (typeof value === 'string') {
    if (value.length <= budget.left) {
      budget.left -= value.length;
      return value;
    }
    budget.cut = true;
    let end = Math.max(0, budget.left);
    // Never half a surrogate pair: the preview stays valid text.
    if (end > 0 && isHighSurrogate(value.charCodeAt(end - 1))) end -= 1;
    budget.left = 0;
    return value.slice(0, end);
  }
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value) {
      if (budget.left <= 0) {
        budget.cut = true;
        break;
      }
      // Each item costs at least its separator, so a list of a million empty strings is cut too.
      budget.left -= 1;
      kept.push(shrink(item, budget));
    }
    return kept;
  }
  if (typeof value === 'object' && value !== null) {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (budget.left <= 0) {
        budget.cut = true;
        break;
      }
      budget.left -= key.length + 1;
      kept[key] = shrink(item, budget);
    }
    return kept;
  }
  budget.left -= String(value).length;
  return value;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** UTF-8 length of a text, counted without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The preview of an output as stored: its size and, when it is too long, its shrunk form. `json` is the
 * output's JSON text (what the store writes), so the size is that of the stored value.
 */
export function outputPreview(output: unknown, json: string | null = output === null || output === undefined ? null : JSON.stringify(output)): Pick<ToolCallPreview, 'output' | 'outputBytes' | 'outputTruncated'> {
  if (json === null) return { output: null, outputBytes: null, outputTruncated: false };
  const outputBytes = utf8Bytes(json);
  // The JSON text is longer than the characters a preview counts, so a short text needs no walk.
  if (json.length <= OUTPUT_PREVIEW_CHARS) return { output, outputBytes, outputTruncated: false };
  const { value, cut } = shrinkOutput(output);
  return { output: cut ? value : output, outputBytes, outputTruncated: cut };
}

/** A whole tool call (a pushed event, an approval's reply) as the task page keeps it. */
export function toToolCallPreview(record: ToolCallRecord): ToolCallPreview {
  return { ...record, ...outputPreview(record.output ?? null) };
}
