import { ProfileDraft, type Decision, type PermissionProfileDoc } from '../../../../shared/permissions';

/** What a field's error says, translated by the editor (`approvals.settings.editor.errors.<kind>`). */
export type FieldErrorKind = 'name' | 'tool' | 'path' | 'tooMany' | 'invalid';

/** The editable part of a profile, as the form holds it. */
export const draftOf = (profile: PermissionProfileDoc): ProfileDraft => ({ name: profile.name, risks: { ...profile.risks }, tools: profile.tools.map((rule) => ({ ...rule })), paths: profile.paths.map((rule) => ({ ...rule })) });

/**
 * The shared schema's verdict on a draft, by field: `name`, `tools.<i>.tool`, `paths.<i>.path`, or the list
 * itself (`tools`, `paths`) when it is too long. Empty when the draft can be saved.
 */
export function draftErrors(draft: ProfileDraft): Record<string, FieldErrorKind> {
  const parsed = ProfileDraft.safeParse(draft);
  if (parsed.success) return {};
  const errors: Record<string, FieldErrorKind> = {};
  for (const issue of parsed.error.issues) {
    const [head, index, field] = issue.path;
    if (head === 'name') errors.name = 'name';
    else if ((head === 'tools' || head === 'paths') && typeof index === 'number') errors[`${head}.${index}.${String(field ?? '')}`] = head === 'tools' ? 'tool' : 'path';
    else if (head === 'tools' || head === 'paths') errors[head] = 'tooMany';
    else errors[issue.path.join('.') || 'form'] = 'invalid';
  }
  return errors;
}

/** `base`, or `base 2`, `base 3` … : the first that no profile is named yet (names are unique, any case). */
export function uniqueName(base: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

export const NEW_TOOL_RULE = { tool: '', decision: 'ask' as Decision };
export const NEW_PATH_RULE = { path: '', access: 'write' as const, decision: 'ask' as Decision };

/** A copy of `list` with item `index` replaced by `next` (or removed, when `next` is null). */
export function replaceAt<T>(list: readonly T[], index: number, next: T | null): T[] {
  return next === null ? list.filter((_, i) => i !== index) : list.map((item, i) => (i === index ? next : item));
}
