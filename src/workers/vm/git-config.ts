/** One `key = value` of a git config file; section and key lowercased as git compares them. */
export interface GitConfigEntry {
  section: string;
  subsection: string | null;
  key: string;
  value: string;
}

/**
 * Reads git's config syntax far enough to find the entries that name other files: `core.hooksPath`,
 * `include.path` and `includeIf.<cond>.path`. Quoted values, escapes, comments and continued lines are
 * handled; the files it protects are bound read-only, so nobody in the sandbox can add syntax it misses.
 */
export function parseGitConfig(text: string): GitConfigEntry[] {
  const entries: GitConfigEntry[] = [];
  let section = '';
  let subsection: string | null = null;
  const lines = text.replace(/\\\r?\n/g, '').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\](.*)$/.exec(line);
      if (!header) continue;
      const name = header[1] ?? '';
      if (header[2] !== undefined) {
        section = name.toLowerCase();
        subsection = header[2].replace(/\\(.)/g, '$1');
      } else {
        // The old `[section.sub]` form.
        const dot = name.indexOf('.');
        section = (dot < 0 ? name : name.slice(0, dot)).toLowerCase();
        subsection = dot < 0 ? null : name.slice(dot + 1).toLowerCase();
      }
      const rest = (header[3] ?? '').trim();
      if (rest && !rest.startsWith('#') && !rest.startsWith(';')) pushEntry(entries, section, subsection, rest);
      continue;
    }
    pushEntry(entries, section, subsection, line);
  }
  return entries;
}

function pushEntry(entries: GitConfigEntry[], section: string, subsection: string | null, line: string): void {
  const match = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(line);
  if (!match || !section) return;
  entries.push({ section, subsection, key: (match[1] ?? '').toLowerCase(), value: match[2] === undefined ? 'true' : unquote(match[2]) });
}

/** A value as git reads it: quotes removed, escapes applied, an unquoted comment dropped, ends trimmed. */
function unquote(raw: string): string {
  let out = '';
  let quoted = false;
  let pendingSpace = '';
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i] ?? '';
    if (c === '\\') {
      const next = raw[i + 1] ?? '';
      i += 1;
      out += pendingSpace + ({ n: '\n', t: '\t', b: '\b' }[next] ?? next);
      pendingSpace = '';
    } else if (c === '"') {
      out += pendingSpace;
      pendingSpace = '';
      quoted = !quoted;
    } else if (!quoted && (c === '#' || c === ';')) {
      break;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      if (out) pendingSpace += c;
    } else {
      out += pendingSpace + c;
      pendingSpace = '';
    }
  }
  return out;
}

/** `core.hooksPath` values, last one winning as in git (all are returned: each might be used). */
export function hooksPaths(entries: GitConfigEntry[]): string[] {
  return entries.filter((e) => e.section === 'core' && e.subsection === null && e.key === 'hookspath').map((e) => e.value);
}

/** Files a config includes (`include.path`, `includeIf.*.path`), as written. */
export function includedPaths(entries: GitConfigEntry[]): string[] {
  return entries.filter((e) => (e.section === 'include' || e.section === 'includeif') && e.key === 'path').map((e) => e.value);
}
