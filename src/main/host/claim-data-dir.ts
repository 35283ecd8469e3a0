import { setTimeout as delay } from 'node:timers/promises';
import type { HostInfo } from '../../shared/contract';
import { acquireHostLock, type HostLock } from '../../core/host/host-lock';
import { LocalClient } from '../../core/host/local-client';
import { localSocketPath } from '../../core/host/host-paths';

export type Claim = { owned: true; lock: HostLock } | { owned: false; running: HostInfo };

/** How long a start waits for the host that holds the lock to answer, or a background host to hand over. */
const CLAIM_TIMEOUT_MS = 30_000;

/**
 * Makes this process the owner of the data directory, or finds the host that is. A desktop or `npm start`
 * takes over from a background host (started by the CLI): it asks it to stop and waits for its lock. The
 * owner of the lock may still be starting (not serving yet) or stopping: then this asks again shortly.
 */
export async function claimDataDir(home: string, { takeOverBackground }: { takeOverBackground: boolean }): Promise<Claim> {
  const deadline = Date.now() + CLAIM_TIMEOUT_MS;
  let askedToStop = false;
  for (let attempt = 0; ; attempt += 1) {
    const lock = acquireHostLock(home);
    if (lock) return { owned: true, lock };
    const running = await askRunningHost(home);
    if (running && !(takeOverBackground && running.kind === 'background')) return { owned: false, running };
    if (running && !askedToStop) askedToStop = await stopHost(home);
    if (Date.now() > deadline) {
      throw new Error(`Another Aura Work process holds ${home} but does not answer. If it is stuck, stop it (its pid is in ${home}/host.lock) and start again.`);
    }
    // The owner is starting up, or stopping to hand over: short, growing waits until it has finished.
    await delay(Math.min(25 * 2 ** attempt, 500));
  }
}

/** The running host's own account of itself, or null when nothing answers on the socket. */
export async function askRunningHost(home: string): Promise<HostInfo | null> {
  let client: LocalClient;
  try {
    client = await LocalClient.connect(localSocketPath(home), 2_000);
  } catch {
    return null;
  }
  try {
    const reply = await client.call('host.info');
    return reply.ok ? (reply.result as HostInfo) : null;
  } catch {
    return null;
  } finally {
    client.close();
  }
}

async function stopHost(home: string): Promise<boolean> {
  try {
    const client = await LocalClient.connect(localSocketPath(home), 2_000);
    try {
      return (await client.call('host.stop')).ok;
    } finally {
      client.close();
    }
  } catch {
    return false;
  }
}
