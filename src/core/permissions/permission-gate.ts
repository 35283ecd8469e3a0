import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { Decision, PathRule, PermissionProfileDoc, ToolRule } from '../../shared/permissions';
import type { ToolRisk } from '../../shared/tools';
import { globToRegExp } from './path-glob';

/** What the gate needs of a tool: its name, its risk, and the files a call touches (file tools). */
export interface GatedTool {
  name: string;
  risk: ToolRisk;
  paths?(input: never): { path: string; access: 'read' | 'write' }[];
}

export interface GateVerdict {
  decision: Decision;
  /** Which rule or default decided, in the user's words (shown when a call is refused or asks). */
  reason: string;
}

const STRICTNESS: Record<Decision, number> = { allow: 0, ask: 1, deny: 2 };
const strictest = <T extends { decision: Decision }>(items: T[]): T | undefined => items.reduce<T | undefined>((worst, item) => (!worst || STRICTNESS[item.decision] > STRICTNESS[worst.decision] ? item : worst), undefined);

// SECURITY: on the disks of macOS and Windows `.ENV` is `.env`; a deny rule must not be dodged by case.
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';
const compiled = new Map<string, RegExp>();
function matches(glob: string, path: string): boolean {
  let regex = compiled.get(glob);
  if (!regex) {
    regex = globToRegExp(glob, IGNORE_CASE);
    if (compiled.size > 2000) compiled.clear();
    compiled.set(glob, regex);
  }
  return regex.test(path);
}

/** A tool path as path rules see it: relative to the workspace root it is in, with `/`; null when outside. */
export function workspaceRelative(path: string, roots: readonly string[]): string | null {
  let rel = path;
  if (isAbsolute(path)) {
    const inside = roots.map((root) => relative(root, path)).find((candidate) => candidate !== '..' && !candidate.startsWith(`..${sep}`) && !isAbsolute(candidate));
    if (inside === undefined) return null;
    rel = inside;
  }
  const normalized = posix.normalize(rel.split(sep).join('/')).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../') || normalized.startsWith('/')) return null;
  return normalized === '.' ? '' : normalized;
}

/** A path as the disk resolves it: links followed as far as it exists (a new file: its folder's). */
function realLocation(path: string, root: string | undefined): string | null {
  let existing = isAbsolute(path) ? path : root ? resolve(root, path) : null;
  if (existing === null) return null;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return null;
    rest.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return null;
  }
}

/**
 * SECURITY: the names a path rule must see for a path: as the call wrote it, and where it really leads, so a
 * link inside the workspace (`notes.txt` → `.env`) cannot walk around a rule on its target.
 */
function ruleNames(path: string, roots: readonly string[]): string[] {
  const given = workspaceRelative(path, roots);
  const real = realLocation(path, roots[0]);
  const realRoots = roots.map((root) => realLocation(root, undefined) ?? root);
  const resolved = real === null ? null : workspaceRelative(real, realRoots);
  return [...new Set([given, resolved].filter((name): name is string => name !== null))];
}

/** The tool rule that decides: an exact name beats a prefix, a longer prefix a shorter one; ties go to the strictest. */
function toolRule(rules: readonly ToolRule[], name: string): ToolRule | undefined {
  const specificity = (rule: ToolRule) => (rule.tool.endsWith('*') ? (name.startsWith(rule.tool.slice(0, -1)) ? rule.tool.length - 1 : -1) : rule.tool === name ? Number.MAX_SAFE_INTEGER : -1);
  let best = -1;
  let matching: ToolRule[] = [];
  for (const rule of rules) {
    const score = specificity(rule);
    if (score > best) [best, matching] = [score, [rule]];
    else if (score === best && score >= 0) matching.push(rule);
  }
  return strictest(matching);
}

/**
 * SECURITY: the one place that decides whether a tool call may run, must ask, or is refused, under a profile.
 * For each file the call touches, the strictest path rule that matches it decides; a file no rule matches,
 * and a call that touches no file, is decided by the most specific tool rule, else the profile's default for
 * the tool's risk. The call gets the strictest of its files' decisions. Workspace confinement is not decided
 * here: every file tool enforces it itself, under every profile, and so do the sandbox's fail-closed asks.
 */
export function decide(profile: PermissionProfileDoc, tool: GatedTool, input: unknown, roots: readonly string[] = []): GateVerdict {
  const rule = toolRule(profile.tools, tool.name);
  const toolLevel: GateVerdict = rule
    ? { decision: rule.decision, reason: `the rule "${rule.tool}: ${rule.decision}" of the ${profile.name} profile` }
    : { decision: profile.risks[tool.risk], reason: `the ${profile.name} profile's default for ${tool.risk} tools (${profile.risks[tool.risk]})` };
  const touched = pathsOf(tool, input);
  if (!touched.length || !profile.paths.length) return toolLevel;
  // Each name of each file is judged on its own and the strictest verdict stands: an allow rule on the name
  // a call wrote does not let it through to a target the rules (or the default) would ask about.
  const perPath = touched.flatMap(({ path, access }) =>
    ruleNames(path, roots).map((name) => {
      const hit = strictest(profile.paths.filter((candidate: PathRule) => (candidate.access === 'any' || candidate.access === access) && matches(candidate.path, name)));
      return hit ? { decision: hit.decision, reason: `the path rule "${hit.path}" (${hit.access}: ${hit.decision}) of the ${profile.name} profile, for ${name}` } : toolLevel;
    }),
  );
  return strictest(perPath) ?? toolLevel;
}

/**
 * SECURITY: whether a listing or search (list, glob, grep) may show a file. Such a call is judged by the
 * folder it names, so a file inside it that a path rule refuses or asks about for reading would be read with
 * no rule seeing it: it is left out instead (one question per file of a search is no question). Null when no
 * rule of the profile could leave anything out.
 */
export function searchFilter(profile: PermissionProfileDoc, roots: readonly string[]): ((path: string) => boolean) | null {
  const limiting = profile.paths.filter((rule) => rule.access !== 'write');
  if (!limiting.some((rule) => rule.decision !== 'allow')) return null;
  return (path) =>
    ruleNames(path, roots).every((name) => {
      const hit = strictest(limiting.filter((rule) => matches(rule.path, name)));
      return !hit || hit.decision === 'allow';
    });
}

/**
 * Whether the model is not even offered the tool under this profile: its tool-level decision is deny and
 * no path rule could allow one of its calls (it would only cost tokens and failed calls).
 */
export function isWithheld(profile: PermissionProfileDoc, tool: GatedTool): boolean {
  if (decide(profile, { name: tool.name, risk: tool.risk }, undefined).decision !== 'deny') return false;
  return !(tool.paths && profile.paths.some((rule) => rule.decision !== 'deny'));
}

function pathsOf(tool: GatedTool, input: unknown): { path: string; access: 'read' | 'write' }[] {
  if (!tool.paths || input === undefined) return [];
  try {
    return tool.paths(input as never);
  } catch {
    // A tool that cannot say what it touches gets no path rule's allow, and no path rule's deny either:
    // the tool-level decision stands, and the tool's own checks still run.
    return [];
  }
}
