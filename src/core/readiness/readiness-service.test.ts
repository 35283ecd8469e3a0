import { describe, expect, it, jest } from '@jest/globals';
import type { SandboxProbe } from '../../shared/vm';
import type { MachineFacts } from './readiness-checks';
import { ReadinessService } from './readiness-service';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const GOOD_PROBE: SandboxProbe = { sandbox: 'bubblewrap', reason: null, files: 'sandbox', filesReason: null, processLimit: 'rlimit' };

/** A machine made of a few files: executables, sockets and texts by path. */
function machine({ files = {}, executables = [], sockets = [], env = {}, platform = 'linux' }: { files?: Record<string, string>; executables?: string[]; sockets?: string[]; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform }): MachineFacts {
  return {
    platform,
    arch: 'x64',
    env,
    exists: (path) => path in files || executables.includes(path) || sockets.includes(path) || Object.keys(files).some((file) => file.startsWith(`${path}/`)),
    isExecutable: (path) => executables.includes(path),
    isSocket: (path) => sockets.includes(path),
    readText: (path) => files[path] ?? null,
  };
}

function readiness(facts: MachineFacts, options: { probe?: SandboxProbe | Error; chromiumPath?: string | null; libraryDir?: string | null | Error; now?: () => number } = {}) {
  const probeSandbox = jest.fn(async () => {
    if (options.probe instanceof Error) throw options.probe;
    return options.probe ?? GOOD_PROBE;
  });
  const service = new ReadinessService({
    probeSandbox,
    chromiumPath: () => options.chromiumPath ?? null,
    libraryDir: () => {
      if (options.libraryDir instanceof Error) throw options.libraryDir;
      return options.libraryDir ?? null;
    },
    appRoot: '/opt/aura',
    env: facts.env,
    facts,
    ...(options.now ? { now: options.now } : {}),
  });
  return { service, probeSandbox };
}

async function capability(facts: MachineFacts, id: string, options: Parameters<typeof readiness>[1] = {}) {
  const { capabilities } = await readiness(facts, options).service.get();
  return capabilities.find((c) => c.id === id);
}

describe('readiness: the sandbox', () => {
  it('is ready when bubblewrap passed the self-test', async () => {
    expect(await capability(machine({ executables: ['/usr/bin/bwrap'] }), 'sandbox')).toMatchObject({ state: 'ready', fix: null, path: '/usr/bin/bwrap', detail: expect.stringContaining('self-test') });
  });

  it('says to install bubblewrap, with this distribution’s command, when it is missing', async () => {
    const probe: SandboxProbe = { sandbox: 'none', reason: 'bubblewrap is not installed.', files: 'host', filesReason: null, processLimit: 'rlimit' };
    expect(await capability(machine({ files: { '/etc/os-release': DEBIAN } }), 'sandbox', { probe })).toMatchObject({ state: 'missing', fix: 'sudo apt-get install bubblewrap', path: null });
    expect(await capability(machine({ files: { '/etc/os-release': 'ID=fedora\n' } }), 'sandbox', { probe })).toMatchObject({ fix: 'sudo dnf install bubblewrap' });
  });

  it('names the switch that keeps an installed bubblewrap from making a sandbox', async () => {
    const probe: SandboxProbe = { sandbox: 'none', reason: 'bubblewrap could not start a sandbox: bwrap: setting up uid map: Permission denied', files: 'host', filesReason: null, processLimit: 'rlimit' };
    const ubuntu = machine({ executables: ['/usr/bin/bwrap'], files: { '/etc/os-release': UBUNTU, '/proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1\n' } });
    expect(await capability(ubuntu, 'sandbox', { probe })).toMatchObject({ state: 'missing', fix: 'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0', detail: expect.stringContaining('uid map') });
    const oldDebian = machine({ executables: ['/usr/bin/bwrap'], files: { '/proc/sys/kernel/unprivileged_userns_clone': '0\n' } });
    expect(await capability(oldDebian, 'sandbox', { probe })).toMatchObject({ fix: 'sudo sysctl -w kernel.unprivileged_userns_clone=1' });
  });

  it('is limited, with what to do, when there is no process limit or the file tools run outside', async () => {
    const probe: SandboxProbe = { sandbox: 'bubblewrap', reason: 'No process limit can be set here.', files: 'host', filesReason: 'perl was not found.', processLimit: 'none' };
    const found = await capability(machine({ executables: ['/usr/bin/bwrap'], files: { '/etc/os-release': DEBIAN } }), 'sandbox', { probe });
    expect(found).toMatchObject({ state: 'limited', detail: expect.stringContaining('perl was not found') });
    expect(found?.fix).toContain('sudo apt-get install perl-base');
    expect(found?.fix).toContain('as your own user rather than root');
  });

  it('is missing, with the reason, when the VM worker cannot be asked', async () => {
    expect(await capability(machine({}), 'sandbox', { probe: new Error('spawn ENOENT') })).toMatchObject({ state: 'missing', detail: expect.stringContaining('spawn ENOENT') });
  });
});

describe('readiness: Chromium', () => {
  it('finds the browser on the PATH, Chromium first', async () => {
    const facts = machine({ env: { PATH: '/usr/local/bin:/usr/bin' }, executables: ['/usr/bin/google-chrome', '/usr/bin/chromium'] });
    expect(await capability(facts, 'chromium')).toMatchObject({ state: 'ready', path: '/usr/bin/chromium' });
    expect(await capability(machine({ env: { PATH: '/usr/bin' }, executables: ['/usr/bin/msedge'] }), 'chromium')).toMatchObject({ state: 'ready', path: '/usr/bin/msedge' });
  });

  it('takes the path set in settings first, and says when it is wrong', async () => {
    const facts = machine({ env: { PATH: '/usr/bin' }, executables: ['/usr/bin/chromium', '/opt/chrome/chrome'] });
    expect(await capability(facts, 'chromium', { chromiumPath: '/opt/chrome/chrome' })).toMatchObject({ state: 'ready', path: '/opt/chrome/chrome' });
    expect(await capability(facts, 'chromium', { chromiumPath: '/opt/nothing' })).toMatchObject({ state: 'missing', path: null, fix: expect.stringContaining('browser path') });
  });

  it('says how to install one when none is found', async () => {
    expect(await capability(machine({ env: { PATH: '/usr/bin' }, files: { '/etc/os-release': DEBIAN } }), 'chromium')).toMatchObject({ state: 'missing', fix: 'sudo apt-get install chromium' });
    expect(await capability(machine({ env: { PATH: '/usr/bin' }, files: { '/etc/os-release': UBUNTU } }), 'chromium')).toMatchObject({ fix: 'sudo snap install chromium' });
  });
});

describe('readiness: the X display computer use drives', () => {
  const X_PROGRAMS = ['/usr/bin/xdotool', '/usr/bin/xwd'];

  it('is ready when DISPLAY names a display whose server listens, and xdotool and xwd are installed', async () => {
    expect(await capability(machine({ env: { DISPLAY: ':1' }, sockets: ['/tmp/.X11-unix/X1'], executables: X_PROGRAMS }), 'display')).toMatchObject({ state: 'ready', path: '/tmp/.X11-unix/X1', detail: expect.stringContaining('xdotool and xwd') });
    const abstract = machine({ env: { DISPLAY: ':0.0' }, files: { '/proc/net/unix': '0000: 00000002 0 10000 0001 01 1234 @/tmp/.X11-unix/X0\n' }, executables: X_PROGRAMS });
    expect(await capability(abstract, 'display')).toMatchObject({ state: 'ready', path: '@/tmp/.X11-unix/X0' });
    expect(await capability(machine({ env: { DISPLAY: 'localhost:10.0' }, executables: X_PROGRAMS }), 'display')).toMatchObject({ state: 'ready', detail: expect.stringContaining('network') });
  });

  it('says to start a display when DISPLAY is unset or its server is gone', async () => {
    const unset = await capability(machine({ files: { '/etc/os-release': DEBIAN }, executables: X_PROGRAMS }), 'display');
    expect(unset).toMatchObject({ state: 'missing', detail: expect.stringContaining('DISPLAY is not set') });
    expect(unset?.fix).toContain('sudo apt-get install xvfb');
    expect(await capability(machine({ env: { DISPLAY: ':7' }, executables: X_PROGRAMS }), 'display')).toMatchObject({ state: 'missing', fix: expect.stringContaining('Xvfb :7') });
  });

  it('checks the display chosen in settings rather than DISPLAY', async () => {
    const service = new ReadinessService({
      probeSandbox: async () => GOOD_PROBE,
      chromiumPath: () => null,
      computerDisplay: () => ':5',
      libraryDir: () => null,
      appRoot: '/opt/aura',
      env: {},
      facts: machine({ env: { DISPLAY: ':1' }, sockets: ['/tmp/.X11-unix/X1'], executables: X_PROGRAMS }),
    });
    const display = (await service.get()).capabilities.find((c) => c.id === 'display');
    expect(display).toMatchObject({ state: 'missing', fix: expect.stringContaining('Xvfb :5'), detail: expect.stringContaining('chosen in Settings; DISPLAY is :1') });
  });

  it('names the X programs that are missing, with the command that installs them', async () => {
    const facts = machine({ env: { DISPLAY: ':1' }, sockets: ['/tmp/.X11-unix/X1'], executables: ['/usr/bin/xwd'] });
    expect(await capability(facts, 'display')).toMatchObject({ state: 'missing', detail: expect.stringContaining('xdotool is not installed'), fix: 'sudo apt-get install xdotool' });
    const neither = machine({ env: { DISPLAY: ':1' }, sockets: ['/tmp/.X11-unix/X1'] });
    expect(await capability(neither, 'display')).toMatchObject({ state: 'missing', fix: 'sudo apt-get install xdotool x11-apps' });
  });

  it('says computer use is Linux-only on other systems', async () => {
    expect(await capability(machine({ platform: 'darwin' }), 'display')).toMatchObject({ state: 'missing', detail: expect.stringContaining('Linux with an X11 display only') });
  });
});

describe('readiness: the local model runtime', () => {
  const installed = '/opt/aura/node_modules/.cache/aura-local-llm';
  it('finds node-llama-cpp and its prebuilt binary where the model worker loads it from', async () => {
    const facts = machine({ files: { [`${installed}/node_modules/node-llama-cpp/package.json`]: '{"version":"3.22.1"}', [`${installed}/node_modules/@node-llama-cpp/linux-x64/package.json`]: '{}' } });
    expect(await capability(facts, 'localModel', { libraryDir: installed })).toMatchObject({ state: 'ready', detail: expect.stringContaining('3.22.1'), path: `${installed}/node_modules/node-llama-cpp` });
  });

  it('says to run npm run local-llm:install when it is missing or lacks its binary', async () => {
    const missing = await capability(machine({}), 'localModel');
    expect(missing).toMatchObject({ state: 'missing' });
    expect(missing?.fix).toContain('npm run local-llm:install');
    const noBinary = machine({ files: { '/opt/aura/node_modules/node-llama-cpp/package.json': '{"version":"3.22.1"}' } });
    expect(await capability(noBinary, 'localModel')).toMatchObject({ state: 'limited', fix: expect.stringContaining('npm run local-llm:install') });
    expect(await capability(machine({}), 'localModel', { libraryDir: new Error('AURA_NODE_LLAMA_CPP_DIR is /x, but node-llama-cpp is not installed there.') })).toMatchObject({ state: 'missing', detail: expect.stringContaining('/x') });
  });
});

describe('the readiness service', () => {
  it('reuses an answer for a few seconds, unless asked to look again', async () => {
    let now = 1_000;
    const { service, probeSandbox } = readiness(machine({}), { now: () => now });
    const first = await service.get();
    expect(await service.get()).toBe(first);
    now += 4_000;
    expect(await service.get()).toBe(first);
    expect(await service.get(true)).not.toBe(first);
    now += 6_000;
    const later = await service.get();
    expect(later.checkedAt).toBe(new Date(now).toISOString());
    expect(probeSandbox).toHaveBeenCalledTimes(3);
    expect(later.capabilities.map((c) => c.id)).toEqual(['sandbox', 'chromium', 'display', 'localModel']);
  });
});
