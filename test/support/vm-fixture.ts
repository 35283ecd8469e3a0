import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { join } from 'node:path';
import { silentLogger } from '../../src/core/logging/logger';
import { NodeWorkerLauncher } from '../../src/core/workers/node-worker-launcher';
import { WorkerPool } from '../../src/core/workers/worker-pool';
import { VM_METHODS, VM_WORKER, type SandboxParams } from '../../src/shared/vm';
import { tempDir } from './temp-app';

/**
 * A workspace and the places a sandbox must keep away from, laid out as on a user's machine: a fake home
 * with keys and browser profiles, Aura's data folder, a folder outside, git repositories with hooks,
 * hooks paths, a submodule and an include.
 */
export function vmFixture() {
  const base = realpathSync(tempDir('aura-vm-'));
  const ws = join(base, 'ws');
  const outside = join(base, 'outside');
  const home = join(base, 'home');
  const dataDir = join(base, 'data');
  const cleanHome = join(base, 'clean-home');
  const files: Record<string, string> = {
    [join(outside, 'secret.txt')]: 'outside secret',
    [join(home, '.ssh', 'id_rsa')]: '-----BEGIN OPENSSH PRIVATE KEY-----',
    [join(home, '.aws', 'credentials')]: '[default]\naws_secret_access_key = x',
    [join(home, '.gnupg', 'pubring.kbx')]: 'gpg',
    [join(home, '.mozilla', 'firefox', 'profiles.ini')]: '[Profile0]',
    [join(home, '.config', 'google-chrome', 'Default', 'Cookies')]: 'cookies',
    [join(home, '.config', 'tool.conf')]: 'readable tool config',
    [join(home, '.gitconfig')]: `[core]\n\thooksPath = ${join(ws, 'global-hooks')}\n`,
    [join(dataDir, 'aura.db')]: 'database',
    [join(ws, 'README.md')]: 'hello',
    [join(ws, '.aura', 'aura.db')]: 'data folder inside the workspace',
    [join(ws, 'shared.gitconfig')]: '[user]\n\tname = shared\n',
    [join(ws, 'app', '.githooks', 'pre-commit')]: '#!/bin/sh\nexit 0\n',
    [join(ws, '.git', 'modules', 'lib', 'HEAD')]: 'ref: refs/heads/main\n',
    [join(ws, '.git', 'modules', 'lib', 'config')]: '[core]\n\tbare = false\n',
    [join(ws, '.git', 'modules', 'lib', 'hooks', 'post-checkout.sample')]: '#!/bin/sh\n',
    [join(ws, 'lib', '.git')]: 'gitdir: ../.git/modules/lib\n',
  };
  for (const dir of [ws, outside, cleanHome, join(ws, 'app'), join(ws, 'web')]) mkdirSync(dir, { recursive: true });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cleanHome, GIT_CONFIG_NOSYSTEM: '1' }, encoding: 'utf8' });
  git(ws, 'init', '-q');
  git(join(ws, 'app'), 'init', '-q');
  git(join(ws, 'web'), 'init', '-q');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  git(ws, 'config', 'include.path', '../shared.gitconfig');
  git(join(ws, 'app'), 'config', 'core.hooksPath', '.githooks');
  // A hooks folder that does not exist yet: the sandbox must not let it be created with hooks in it.
  git(join(ws, 'web'), 'config', 'core.hooksPath', '.husky');

  const sandbox = (over: Partial<SandboxParams> = {}): SandboxParams => ({ roots: [ws], network: false, extraWritable: [], extraReadable: [], home, dataDir, ...over });

  /** Every file the sandbox must not change or create, with a hash of its content (links by their target). */
  const guarded = [outside, home, dataDir, join(ws, '.git', 'hooks'), join(ws, '.git', 'config'), join(ws, 'shared.gitconfig'), join(ws, 'app', '.githooks'), join(ws, 'app', '.git', 'config'), join(ws, 'web', '.git', 'config'), join(ws, '.git', 'modules', 'lib', 'hooks'), join(ws, 'lib', '.git'), join(ws, '.aura')];
  const snapshot = () => {
    const seen: Record<string, string> = {};
    const visit = (path: string) => {
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat) return;
      if (stat.isSymbolicLink()) seen[path] = `link:${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        seen[path] = 'dir';
        for (const name of readdirSync(path)) visit(join(path, name));
      } else seen[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
    };
    guarded.forEach(visit);
    for (const path of ['/etc/pwned', '/usr/pwned', '/pwned', join(base, 'pwned.txt')]) if (existsSync(path)) seen[path] = 'created';
    return seen;
  };

  return { base, ws, outside, home, dataDir, cleanHome, git, sandbox, snapshot };
}

/** The VM worker, started from its source as the app starts it from dist/workers/vm.js. */
export function openVmWorker(env: NodeJS.ProcessEnv = process.env) {
  const pool = new WorkerPool({ launcher: new NodeWorkerLauncher(), logger: silentLogger, env });
  return { pool, vm: pool.create(VM_WORKER, VM_METHODS) };
}

/** A TCP server on the host's loopback and an abstract unix socket, each counting who reached it. */
export async function listeners(): Promise<{ port: number; abstractName: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const count = (socket: { destroy(): void }) => {
    hits += 1;
    socket.destroy();
  };
  const tcp = createNetServer(count);
  const unix = createNetServer(count);
  const abstractName = `aura-probe-${process.pid}-${Date.now()}`;
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => unix.listen(`\0${abstractName}`, resolve));
  const port = (tcp.address() as { port: number }).port;
  const close = (server: NetServer) => new Promise<void>((resolve) => server.close(() => resolve()));
  return { port, abstractName, hits: () => hits, close: async () => void (await Promise.all([close(tcp), close(unix)])) };
}

/** Host pids of the processes in a pid namespace (`pid:[4026532181]`), read from /proc. */
export function processesInNamespace(namespace: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/pid`) === namespace) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to look at
    }
  }
  return pids;
}
