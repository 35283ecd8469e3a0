import { join } from 'node:path';
import { localModelInstallHint, nodeLlamaCppPrebuilt } from '../../shared/model-worker';
import type { Capability } from '../../shared/readiness';
import type { SandboxProbe } from '../../shared/vm';

/** What the checks read of the machine; the real one is in readiness-service.ts, tests pass their own. */
export interface MachineFacts {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  /** A regular file this process may execute. */
  isExecutable(path: string): boolean;
  isSocket(path: string): boolean;
  /** A small text file's content, or null when it cannot be read. */
  readText(path: string): string | null;
}

/** Debian, Ubuntu, Fedora…: picks the install command of a fix. */
function distro(facts: MachineFacts): 'debian' | 'ubuntu' | 'fedora' | 'arch' | 'suse' | null {
  const release = facts.readText('/etc/os-release') ?? '';
  const ids = `${/^ID=(.*)$/m.exec(release)?.[1] ?? ''} ${/^ID_LIKE=(.*)$/m.exec(release)?.[1] ?? ''}`.replace(/"/g, '');
  if (/\bubuntu\b/.test(ids)) return 'ubuntu';
  if (/\bdebian\b/.test(ids)) return 'debian';
  if (/\b(fedora|rhel|centos)\b/.test(ids)) return 'fedora';
  if (/\barch\b/.test(ids)) return 'arch';
  if (/\bsuse\b/.test(ids)) return 'suse';
  return null;
}

function installCommand(facts: MachineFacts, pkg: { apt: string; dnf?: string; pacman?: string; zypper?: string }): string | null {
  switch (distro(facts)) {
    case 'debian':
    case 'ubuntu':
      return `sudo apt-get install ${pkg.apt}`;
    case 'fedora':
      return `sudo dnf install ${pkg.dnf ?? pkg.apt}`;
    case 'arch':
      return `sudo pacman -S ${pkg.pacman ?? pkg.apt}`;
    case 'suse':
      return `sudo zypper install ${pkg.zypper ?? pkg.apt}`;
    default:
      return null;
  }
}

const firstExisting = (facts: MachineFacts, paths: string[]) => paths.find((path) => facts.exists(path)) ?? null;

/** The sandbox: bubblewrap installed, and a shell really ran in it (the VM worker's self-test). */
export function checkSandbox(facts: MachineFacts, probe: SandboxProbe | { error: string }): Capability {
  const bwrap = firstExisting(facts, ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap']);
  const base = { id: 'sandbox' as const, path: bwrap };
  if ('error' in probe) return { ...base, state: 'missing', detail: probe.error, fix: 'Restart Aura Work; if this stays, the log in Settings → Diagnostics says why the VM worker does not start.' };
  if (probe.sandbox === 'bubblewrap') {
    const weak = [probe.processLimit === 'none' ? probe.reason : null, probe.files === 'host' ? probe.filesReason : null].filter(Boolean);
    const passed = `bubblewrap${bwrap ? ` (${bwrap})` : ''} passed its self-test: a shell ran in a sandbox, so commands and the Terminal run in one.`;
    if (!weak.length) return { ...base, state: 'ready', detail: passed, fix: null };
    const fixes = [
      probe.processLimit === 'none' ? 'Run Aura Work as your own user rather than root (or give it a pids cgroup it may write), so a fork bomb stops at a process limit.' : null,
      probe.files === 'host' ? (installCommand(facts, { apt: 'perl-base', dnf: 'perl', pacman: 'perl', zypper: 'perl' }) ?? 'Install perl.') : null,
    ].filter(Boolean);
    return { ...base, state: 'limited', detail: `${passed} ${weak.join(' ')}`, fix: fixes.join(' ') };
  }
  const why = probe.reason ?? 'No sandbox.';
  if (facts.platform !== 'linux') return { ...base, state: 'missing', detail: `${why} Every command asks before it runs.`, fix: null };
  if (!bwrap) {
    return { ...base, state: 'missing', detail: 'bubblewrap is not installed, so every command asks before it runs and the Terminal stays closed.', fix: installCommand(facts, { apt: 'bubblewrap' }) ?? 'Install bubblewrap with your package manager, then restart Aura Work.' };
  }
  // Installed but it could not make a sandbox: almost always user namespaces turned off.
  const sysctl = (path: string) => facts.readText(path)?.trim();
  let fix: string;
  if (sysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') fix = 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0';
  else if (sysctl('/proc/sys/kernel/unprivileged_userns_clone') === '0') fix = 'sudo sysctl -w kernel.unprivileged_userns_clone=1';
  else if (sysctl('/proc/sys/user/max_user_namespaces') === '0') fix = 'sudo sysctl -w user.max_user_namespaces=15000';
  else fix = 'Allow user namespaces for bubblewrap (in a container: run it with a seccomp profile that allows them), then restart Aura Work.';
  return { ...base, state: 'missing', detail: `${why} Every command asks before it runs and the Terminal stays closed.`, fix };
}

/** Where a Chromium-family browser may be, per platform, after the path set in settings. */
function browserCandidates(facts: MachineFacts): string[] {
  const { env, platform } = facts;
  if (platform === 'darwin') {
    return ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'].flatMap((app) => [`/Applications/${app}`, join(env.HOME ?? '/', 'Applications', app)]);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [`${root}\\Google\\Chrome\\Application\\chrome.exe`, `${root}\\Microsoft\\Edge\\Application\\msedge.exe`, `${root}\\Chromium\\Application\\chrome.exe`]);
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable', 'msedge'];
  const dirs = [...(env.PATH ?? '').split(':').filter((dir) => dir.startsWith('/')), '/usr/bin', '/snap/bin'];
  return [...new Set(names.flatMap((name) => dirs.map((dir) => join(dir, name))))];
}

/** Chromium, Chrome or Edge: the browser the browser worker will drive. */
export function checkChromium(facts: MachineFacts, configured: string | null): Capability {
  const base = { id: 'chromium' as const };
  if (configured !== null) {
    if (facts.isExecutable(configured)) return { ...base, state: 'ready', detail: `The browser set in settings: ${configured}.`, fix: null, path: configured };
    return { ...base, state: 'missing', detail: `The browser set in settings, ${configured}, is not a program this app can run.`, fix: 'Correct the browser path below, or clear it to use one Aura Work finds.', path: null };
  }
  const found = browserCandidates(facts).find((path) => facts.isExecutable(path));
  if (found) return { ...base, state: 'ready', detail: `Found at ${found}.`, fix: null, path: found };
  let install: string | null = null;
  if (facts.platform === 'linux') {
    install = distro(facts) === 'ubuntu' ? 'sudo snap install chromium' : installCommand(facts, { apt: 'chromium' });
  }
  const where = facts.platform === 'linux' ? 'chromium, google-chrome or microsoft-edge on the PATH, /usr/bin or /snap/bin' : 'the usual install folders';
  return { ...base, state: 'missing', detail: `No Chromium, Chrome or Edge was found (looked for ${where}).`, fix: install ?? 'Install Google Chrome or Chromium, or set its path below.', path: null };
}

/** An X display for computer use: DISPLAY set, and its server's socket there. */
export function checkDisplay(facts: MachineFacts): Capability {
  const base = { id: 'display' as const };
  if (facts.platform !== 'linux') return { ...base, state: 'ready', detail: 'The desktop’s own display.', fix: null, path: null };
  const display = facts.env.DISPLAY?.trim();
  // A virtual display, as lines to run in a shell that then starts Aura Work.
  const install = installCommand(facts, { apt: 'xvfb', dnf: 'xorg-x11-server-Xvfb', pacman: 'xorg-server-xvfb', zypper: 'xorg-x11-server-Xvfb' });
  const virtual = `${install ? `${install}\n` : ''}Xvfb :99 &\nexport DISPLAY=:99   # then start Aura Work from this shell`;
  if (!display) {
    const instead = facts.env.WAYLAND_DISPLAY ? 'This is a Wayland session without XWayland: turn XWayland on in your desktop, or run a virtual display.' : 'Start Aura Work from a desktop session, or run a virtual display.';
    return { ...base, state: 'missing', detail: `DISPLAY is not set, so there is no X display to use. ${instead}`, fix: virtual, path: null };
  }
  const local = /^(?:unix)?:(\d+)(?:\.\d+)?$/.exec(display);
  if (!local) return { ...base, state: 'ready', detail: `DISPLAY is ${display}: an X server over the network (not checked from here).`, fix: null, path: null };
  const socket = `/tmp/.X11-unix/X${local[1]}`;
  if (facts.isSocket(socket)) return { ...base, state: 'ready', detail: `DISPLAY is ${display}; its X server listens on ${socket}.`, fix: null, path: socket };
  // Some X servers (in containers especially) listen on the abstract socket only.
  if (facts.readText('/proc/net/unix')?.includes(`@${socket}`)) return { ...base, state: 'ready', detail: `DISPLAY is ${display}; its X server listens on the abstract socket @${socket}.`, fix: null, path: `@${socket}` };
  return { ...base, state: 'missing', detail: `DISPLAY is ${display}, but no X server listens on ${socket}: start the X server for it, or set DISPLAY to a running one.`, fix: `Xvfb ${display} &`, path: null };
}

/**
 * node-llama-cpp, which local GGUF models run on: where the model worker will load it from (the folder
 * library-dir.ts resolves, else the app's own node_modules), with its prebuilt binary for this machine.
 */
export function checkLocalModel(facts: MachineFacts, libraryDir: string | { error: string } | null, appRoot: string): Capability {
  const base = { id: 'localModel' as const };
  const fix = localModelInstallHint(facts.platform, facts.arch);
  if (typeof libraryDir === 'object' && libraryDir !== null) return { ...base, state: 'missing', detail: libraryDir.error, fix, path: null };
  const modules = join(libraryDir ?? appRoot, 'node_modules');
  const manifest = facts.readText(join(modules, 'node-llama-cpp', 'package.json'));
  if (manifest === null) return { ...base, state: 'missing', detail: 'node-llama-cpp is not installed, so local GGUF models cannot run.', fix, path: null };
  let version = '?';
  try {
    version = String((JSON.parse(manifest) as { version?: unknown }).version ?? '?');
  } catch {
    // an unreadable manifest still means it is there
  }
  const where = join(modules, 'node-llama-cpp');
  const prebuilt = nodeLlamaCppPrebuilt(facts.platform, facts.arch).replace(/@\d+$/, '');
  if (!facts.exists(join(modules, ...prebuilt.split('/')))) {
    return { ...base, state: 'limited', detail: `node-llama-cpp ${version} is in ${where}, but not its prebuilt binary for this machine (${prebuilt}).`, fix, path: where };
  }
  return { ...base, state: 'ready', detail: `node-llama-cpp ${version} with ${prebuilt}, in ${where}.`, fix: null, path: where };
}
