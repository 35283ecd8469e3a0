import { PREVIEW_TEXT_CHARS, type ApprovalPreview } from '../../../shared/permissions';
import { displayPath, resolveWritable } from '../path-guard';
import type { WorkspaceFs } from '../workspace-fs';
import { FILE_LIMITS } from './limits';

/** Cuts a text to `max` characters without splitting a surrogate pair; says whether it cut. */
export function capText(text: string, max = PREVIEW_TEXT_CHARS): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return { text: text.slice(0, end), cut: true };
}

/**
 * What a file tool would change, for the approval prompt: the file's text now (null when it does not exist)
 * and after `change`, which is the tool's own computation. The path goes through the same guard and the
 * same I/O (the sandbox's file helper, where there is one) as the write itself. Never throws: a path the
 * tool would refuse, a binary or oversized file, or a change that would fail gives `none`, and the prompt
 * shows the input instead (the call then fails with the tool's own message if the user allows it).
 */
export async function filePreview(fs: WorkspaceFs, roots: readonly string[], path: string, change: (before: string | null) => string): Promise<ApprovalPreview> {
  try {
    const real = resolveWritable(roots, path);
    const file = await fs.read(roots, real, FILE_LIMITS.writeBytes);
    if (file.kind !== 'missing' && (file.kind !== 'file' || file.binary)) return { kind: 'none' };
    const before = file.kind === 'missing' ? null : file.text;
    const after = change(before);
    const shownBefore = before === null ? null : capText(before);
    const shownAfter = capText(after);
    return { kind: 'file', path: displayPath(roots, real), before: shownBefore?.text ?? null, after: shownAfter.text, truncated: Boolean(shownBefore?.cut) || shownAfter.cut };
  } catch {
    return { kind: 'none' };
  }
}
