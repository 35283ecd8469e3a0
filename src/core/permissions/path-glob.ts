/**
 * Path rules' globs, compiled to regular expressions (no dependency, and no surprises a library's options
 * could bring): `*` and `?` stay within one folder, `**` spans folders, `[abc]` and `{a,b}` as usual. Dot files
 * match like any other (a deny rule on `src/**` must cover `src/.env`), and a pattern that names a folder
 * covers everything under it (`secrets` covers `secrets/key.pem`).
 */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  const normalized = glob.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return new RegExp(`^${translate(normalized)}(?:/.*)?$`, ignoreCase ? 'i' : '');
}

const SPECIAL = /[.+^$()|\\/]/;

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] as string;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        i += 1;
        if (atStart && next === '/') {
          out += '(?:.*/)?';
          i += 1;
        } else if (atStart && next === undefined) {
          // A trailing `/**` covers the folder itself too (`list secrets` under a deny on `secrets/**`).
          out = i > 1 ? `${out.slice(0, -2)}(?:/.*)?` : '.*';
        } else out += '[^/]*';
      } else out += '[^/]*';
    } else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\').replace(/\//g, '');
        out += `[${body}]`;
        i = end;
      }
    } else if (char === '{') {
      const end = closingBrace(glob, i);
      if (end === -1) out += '\\{';
      else {
        out += `(?:${splitTopLevel(glob.slice(i + 1, end)).map(translate).join('|')})`;
        i = end;
      }
    } else out += SPECIAL.test(char) || char === '{' || char === '}' || char === ']' ? `\\${char}` : char;
  }
  return out;
}

function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i += 1) {
    if (glob[i] === '{') depth += 1;
    else if (glob[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i += 1) {
    if (body[i] === '{') depth += 1;
    else if (body[i] === '}') depth -= 1;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}
