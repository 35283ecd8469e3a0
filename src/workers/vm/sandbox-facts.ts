import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AuraError } from '../../shared/errors';
import type { SandboxParams } from '../../shared/vm';
import type { Mask, SystemLayout } from './sandbox-policy';
import { isPlainAbsolute } from './sandbox-policy';

/** A sandbox that cannot be given safely: refused with what to do instead. */
const refusal = (message: string) => new AuraError('FORBIDDEN', message, 'Choose the project folder itself as the workspace, or change the extra folders in Settings.');

/** Top-level system folders: bound read-only when real folders, recreated when links (merged /usr). */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/opt', '/nix'];

/**
 * The /etc entries a shell needs to run programs, resolve users and (with the network on) names and
 * certificates. An allowlist: /etc/shadow, ssh host keys, ssl/private and the rest are never bound, which
 * matters because a root user's sandbox still owns root's files.
 */
const ETC_ALLOWLIST = [
  'passwd', 'group', 'nsswitch.conf', 'hosts', 'host.conf', 'resolv.conf', 'gai.conf', 'services', 'protocols',
  'ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'localtime', 'timezone', 'alternatives', 'ssl/certs', 'ssl/openssl.cnf',
  'ca-certificates', 'ca-certificates.conf', 'pki/tls/certs', 'pki/ca-trust', 'crypto-policies', 'bash.bashrc', 'inputrc',
  'mime.types', 'gitconfig', 'os-release', 'lsb-release', 'debian_version', 'locale.alias', 'locale.conf', 'default/locale',
  'terminfo', 'magic', 'perl', 'python3',
];

/**
 * Credentials and browser profiles under the home folder. The home is an empty tmpfs inside, so these
 * only need masking when a bound folder holds them (an extra readable folder such as ~/.config).
 */
const HOME_SECRETS = [
  '.ssh', '.aws', '.gnupg', '.azure', '.kube', '.docker', '.netrc', '.git-credentials', '.password-store', '.pgpass',
  '.local/share/keyrings', '.config/gcloud', '.config/gh', '.mozilla', '.thunderbird', '.config/google-chrome',
  '.config/google-chrome-beta', '.config/chromium', '.config/BraveSoftware', '.config/microsoft-edge', '.config/vivaldi',
  '.config/opera', 'snap/firefox', 'snap/chromium', '.var/app/org.mozilla.firefox', '.var/app/com.google.Chrome',
  '.var/app/org.chromium.Chromium', '.var/app/com.brave.Browser', '.config/Aura Work',
];

/**
 * Places under the home folder whose files run on the host: git's user config, desktop autostart entries,
 * systemd user units, application launchers. No writable folder may be, hold or lie in one; nor be or hold
 * ~/.config, which holds them (a folder of one program's inside it, such as ~/.config/nvim, is allowed).
 */
const HOME_RUNS = ['.config/git', '.config/autostart', '.config/systemd', '.local/share/applications'];

/** Folders no workspace may be, hold or lie in: the sandbox would expose the system or the kernel. */
// /tmp itself holds other programs' sockets (X11's among them: keystrokes into the desktop).
const SYSTEM_ROOTS = ['/', '/usr', '/etc', '/bin', '/sbin', '/lib', '/lib64', '/boot', '/var', '/opt', '/tmp', '/var/tmp', '/home', '/root'];
const KERNEL_TREES = ['/proc', '/sys', '/dev', '/run'];

/** True when `path` is `root` or below it. */
export function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

let layout: SystemLayout | null = null;

/** What of the host's system folders the sandbox gets; read once, they do not move while the worker runs. */
export function systemLayout(): SystemLayout {
  if (layout) return layout;
  const readOnlyDirs: string[] = [];
  const links: { path: string; target: string }[] = [];
  for (const dir of SYSTEM_DIRS) {
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (stat?.isSymbolicLink()) links.push({ path: dir, target: readlinkSync(dir) });
    else if (stat?.isDirectory()) readOnlyDirs.push(dir);
  }
  const etc = ETC_ALLOWLIST.map((entry) => `/etc/${entry}`).filter((entry) => existsSync(entry));
  layout = { readOnlyDirs, links, etc };
  return layout;
}

/** Every place whose contents the sandbox must never see: the home's secrets and Aura's data folder. */
export function protectedPaths(params: Pick<SandboxParams, 'home' | 'dataDir'>): string[] {
  const paths = [params.dataDir, ...HOME_SECRETS.map((entry) => join(params.home, entry))];
  // A secret reached through a link is masked where it really is.
  const real = paths.map((path) => realOrNull(path)).filter((path): path is string => path !== null);
  return [...new Set([...paths, ...real])];
}

/**
 * Checks the folders a sandbox would bind and returns their real paths. Refused: relative or odd paths;
 * system folders and the kernel's; the home folder or any folder holding it, writable (the shell could plant
 * ~/.bashrc or ~/.ssh/authorized_keys) or readable (it could read ~/.bashrc's exported keys, ~/.npmrc);
 * writable folders that are, hold or lie in ~/.config (git's config, autostart entries, systemd units) or
 * ~/.local/share/applications; anything inside a protected place. Missing extras are dropped.
 */
export function checkedFolders(params: SandboxParams): { roots: string[]; writable: string[]; readable: string[] } {
  const secrets = protectedPaths(params);
  const dataDirs = new Set([params.dataDir, join(params.home, '.config', 'Aura Work')].flatMap((dir) => [dir, realOrNull(dir) ?? dir]));
  const home = realOrNull(params.home) ?? params.home;
  const check = (path: string, writable: boolean): string | null => {
    if (!isPlainAbsolute(path)) throw refusal(`"${path.slice(0, 200)}" is not an absolute path.`);
    const real = realOrNull(path);
    if (real === null) return null;
    if (SYSTEM_ROOTS.includes(real) || KERNEL_TREES.some((tree) => within(tree, real))) throw refusal(`${real} is a system folder; the sandbox cannot give it out.`);
    if (writable && within(real, home)) throw refusal(`${real} holds your home folder; commands could change your shell start-up files or keys.`);
    // Read-only too: the home's own files (~/.bashrc with exported keys, ~/.npmrc, ~/.bash_history) are not masked.
    if (!writable && within(real, home)) throw refusal(`${real} holds your home folder; commands could read your shell start-up files, history and tokens. Add the folders you need from it instead.`);
    if (writable) {
      const runs = [...HOME_RUNS.map((entry) => join(home, entry)).filter((place) => within(real, place) || within(place, real)), ...[join(home, '.config')].filter((place) => within(real, place))];
      if (runs.length) throw refusal(`${real} is, holds or lies in ${runs[0]}, whose files run outside the sandbox (git's config, autostart entries, services); it can only be added as a readable folder.`);
    }
    // Inside a place of keys or a browser profile: refused. Inside Aura's data folder is only refused as the
    // folder itself: a folder below it shows nothing of the database or logs beside it.
    if (secrets.some((secret) => within(secret, real) && (!dataDirs.has(secret) || real === secret))) throw refusal(`${real} is inside a folder the sandbox keeps private (keys, browser profiles, Aura's data).`);
    return real;
  };
  const roots = params.roots.map((root) => {
    const real = check(root, true);
    if (real === null) throw refusal(`The workspace ${root.slice(0, 200)} does not exist.`);
    return real;
  });
  const writable = params.extraWritable.map((path) => check(path, true)).filter((path): path is string => path !== null);
  const readable = params.extraReadable.map((path) => check(path, false)).filter((path): path is string => path !== null);
  return { roots, writable, readable };
}

/** Masks for every protected place that lies inside one of the bound folders. */
export function secretMasks(params: Pick<SandboxParams, 'home' | 'dataDir'>, bound: string[]): Mask[] {
  const masks: Mask[] = [];
  for (const path of protectedPaths(params)) {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    // Links were resolved in protectedPaths: their target is masked, the link itself shows nothing.
    if (!stat || stat.isSymbolicLink()) continue;
    if (!bound.some((tree) => within(tree, path))) continue;
    masks.push({ path, kind: stat.isDirectory() ? 'dir' : 'file' });
  }
  // Outer masks first, so an inner one never lands on a tmpfs that then hides it.
  return masks.sort((a, b) => a.path.length - b.path.length);
}

/** The first program of `names` found in the bound system folders (e.g. /usr/bin/bash), or null. */
export function systemProgram(...names: string[]): string | null {
  for (const dir of ['/usr/bin', '/bin']) {
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}
