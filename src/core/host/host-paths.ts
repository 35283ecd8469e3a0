import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Unix socket paths are limited to ~104 bytes (macOS) or 108 (Linux), terminator included. */
const MAX_SOCKET_PATH = 100;

/**
 * Where the host listens for the CLI: a Unix socket in the data directory (the directory is owner-only and
 * the socket 0600), or on Windows a named pipe named after it. A data directory too deep for a socket path
 * gets one in the temp folder, named by a hash of the directory, so every process finds the same one.
 */
export function localSocketPath(home: string, platform: NodeJS.Platform = process.platform): string {
  const id = createHash('sha256').update(home).digest('hex').slice(0, 20);
  if (platform === 'win32') return `\\\\.\\pipe\\aura-work-${id}`;
  const inHome = join(home, 'aura.sock');
  return Buffer.byteLength(inHome) <= MAX_SOCKET_PATH ? inHome : join(tmpdir(), `aura-work-${id}.sock`);
}
