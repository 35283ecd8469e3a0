import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../secrets/secret-values';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** The last `count` lines of the current log file, newest last. */
  tail(count: number): string[];
}

// Field names that may carry a secret; their values never reach the disk.
const SECRET_KEY = /token|secret|password|passphrase|authorization|cookie|api[-_]?key|credential/i;

export function redact(fields: LogFields): LogFields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => {
      if (SECRET_KEY.test(key)) return [key, '[redacted]'];
      if (value && typeof value === 'object' && !Array.isArray(value)) return [key, redact(value as LogFields)];
      return [key, value];
    }),
  );
}

export interface FileLoggerOptions {
  dir: string;
  maxBytes?: number;
  keep?: number;
  minLevel?: LogLevel;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Structured JSON-lines logger that rotates `aura.log` → `aura.1.log` … `aura.N.log`. */
export function createFileLogger({ dir, maxBytes = 1024 * 1024, keep = 5, minLevel = 'info' }: FileLoggerOptions): Logger {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'aura.log');
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = () => {
    rmSync(join(dir, `aura.${keep}.log`), { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) {
      const from = join(dir, `aura.${i}.log`);
      if (existsSync(from)) renameSync(from, join(dir, `aura.${i + 1}.log`));
    }
    if (existsSync(file)) renameSync(file, join(dir, 'aura.1.log'));
    size = 0;
  };

  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = `${redactSecrets(JSON.stringify({ ts: new Date().toISOString(), level, msg, ...(fields ? redact(fields) : {}) }))}\n`;
    try {
      if (size + line.length > maxBytes) rotate();
      appendFileSync(file, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    } catch {
      // Logging must never take the app down (disk full, folder removed); the action itself goes on.
    }
  };

  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    tail: (count) => tailLines(file, count),
  };
}

function tailLines(file: string, count: number): string[] {
  if (!existsSync(file)) return [];
  const length = Math.min(statSync(file).size, 256 * 1024);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, statSync(file).size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8').split('\n').filter(Boolean).slice(-count);
}

/** For tests and tools that need a logger but no file. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, tail: () => [] };
