/**
 * SECURITY: redaction by value. Every secret this process knows (provider keys from the environment now,
 * vault items and bridge tokens later) is registered here once, and every sink — the log, the database,
 * the audit trail, events, RPC replies, the terminal — passes text through `redactSecrets` first. A name-
 * based filter misses a key repeated inside a provider's error message or a file a tool read; this does not.
 */

const MASK = '[secret redacted]';
/** Shorter values would match ordinary text (and are no real key anyway). */
const MIN_LENGTH = 12;

/** Environment variables that hold secrets by their name's convention. */
const SECRET_NAME = /(^|_)(API_?KEY|TOKEN|SECRET|PASSWORD|PASSPHRASE|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)$/i;

const forms = new Set<string>();
let pattern: RegExp | null = null;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Registers a secret value; its JSON-escaped and URL-encoded spellings are redacted as well. */
export function registerSecret(value: string | undefined): void {
  const trimmed = value?.trim();
  if (!trimmed || trimmed.length < MIN_LENGTH) return;
  const before = forms.size;
  for (const form of [trimmed, JSON.stringify(trimmed).slice(1, -1), encodeURIComponent(trimmed)]) forms.add(form);
  if (forms.size === before) return;
  // Longest first, so a secret that contains another is masked whole.
  pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
}

/** Whether an environment variable's name says it holds a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Registers every variable of `env` whose name says it holds a secret. */
export function registerEnvironmentSecrets(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) registerSecret(value);
}

export function redactSecrets(text: string): string {
  if (!pattern) return text;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, MASK) : text;
}

/**
 * How many characters at the end of `text` could be the start of a secret: the length of its longest
 * suffix that is a proper prefix of a registered secret's spelling, or 0. A stream held back by this much
 * never lets a secret through in two pieces (see core/secrets/redacting-stream.ts).
 */
export function secretPrefixAtEnd(text: string): number {
  let longest = 0;
  for (const form of forms) {
    // Only where the form's first character occurs; the earliest match is the longest.
    for (let start = text.indexOf(form.charAt(0), Math.max(0, text.length - form.length + 1)); start !== -1 && text.length - start > longest; start = text.indexOf(form.charAt(0), start + 1)) {
      if (form.startsWith(text.slice(start))) {
        longest = text.length - start;
        break;
      }
    }
  }
  return longest;
}

/** Redacted first, then cut to `max` characters: cutting first could keep all of a key but its end. */
export function capRedacted(text: string, max: number): string {
  return redactSecrets(text).slice(0, max);
}

/** A copy of `value` with every string (keys included) redacted; unchanged values are returned as they are. */
export function redactDeep<T>(value: T): T {
  if (!pattern) return value;
  return walk(value, 0) as T;
}

function walk(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  // Too deep to walk, or not plain data: whole, masked if its serialized form holds a secret.
  if (depth > 64 || (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)) return holdsSecret(value) ? MASK : value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = walk(item, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const nextKey = redactSecrets(key);
    const next = walk(item, depth + 1);
    if (next !== item || nextKey !== key) changed = true;
    out[nextKey] = next;
  }
  return changed ? out : value;
}

function holdsSecret(value: unknown): boolean {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return false; // cyclic: not data that goes anywhere as JSON
  }
  return json !== undefined && redactSecrets(json) !== json;
}

/** For tests: forget every registered secret. */
export function clearSecretsForTests(): void {
  forms.clear();
  pattern = null;
}
