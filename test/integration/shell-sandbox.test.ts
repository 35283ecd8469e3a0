import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ErrorShape } from '../../src/shared/errors';
import type { SandboxParams, ShellResult } from '../../src/shared/vm';
import { createProcessLimiter } from '../../src/workers/vm/process-limit';
import { systemProgram } from '../../src/workers/vm/sandbox-facts';
import { probeSandbox } from '../../src/workers/vm/sandbox-probe';
import { sandboxCommand } from '../../src/workers/vm/sandbox-process';
import { tempDir } from '../support/temp-app';
import { listeners, openVmWorker, processesInNamespace, vmFixture } from '../support/vm-fixture';

const run = promisify(execFile);

// Escape probes: each one tries a way out of the sandbox through the VM worker, as the shell tool does, and
// asserts both the concrete failure and that nothing it must not touch changed. 0 escapes is the bar.

const fx = vmFixture();
const { pool, vm } = openVmWorker();
let net: Awaited<ReturnType<typeof listeners>>;
let userns = false;

beforeAll(async () => {
  net = await listeners();
  const probed = await vm.call('vm.probe', {});
  // The whole file is about the sandbox: without one these probes would prove nothing.
  expect(probed).toMatchObject({ sandbox: 'bubblewrap', files: 'sandbox' });
  userns = (await sh('unshare --help >/dev/null && echo yes', 'probe-setup')).output.includes('yes');
}, 60_000);
afterAll(async () => {
  await pool.dispose();
  await net.close();
}, 30_000);

async function sh(command: string, session = 'probes', sandbox: SandboxParams = fx.sandbox(), timeoutMs = 20_000): Promise<ShellResult> {
  return vm.call('shell.run', { session, sandbox, command, cwd: fx.ws, timeoutMs });
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const failed = (result: ShellResult, pattern: RegExp) => {
  expect({ exitCode: result.exitCode === 0 ? 'zero' : 'non-zero', output: result.output }).toEqual({ exitCode: 'non-zero', output: expect.stringMatching(pattern) });
};

const NO_SUCH = /No such file or directory|cannot access/;
const READ_ONLY = /Read-only file system|Device or resource busy|could not lock config file|Operation not permitted|Permission denied/;

interface Probe {
  name: string;
  command: () => string;
  check: (result: ShellResult) => void;
  sandbox?: () => SandboxParams;
}

const probes: Probe[] = [
  // Writes outside the workspace.
  { name: 'write outside by absolute path', command: () => `echo pwned > ${fx.outside}/pwned.txt`, check: (r) => failed(r, NO_SUCH) },
  { name: 'write outside through ..', command: () => 'echo pwned > ../outside/pwned.txt', check: (r) => failed(r, NO_SUCH) },
  { name: 'write outside through a link made inside', command: () => `ln -sfn ${fx.outside} out-link && echo pwned > out-link/pwned.txt`, check: (r) => failed(r, NO_SUCH) },
  { name: 'write beside the workspace', command: () => `echo pwned > ${fx.base}/pwned.txt; ls ${fx.base}`, check: (r) => expect(r.output).not.toContain('outside') },
  { name: 'write /etc', command: () => 'echo pwned > /etc/pwned', check: (r) => failed(r, READ_ONLY) },
  { name: 'write /usr', command: () => 'touch /usr/pwned', check: (r) => failed(r, READ_ONLY) },
  { name: 'write the root folder', command: () => 'mkdir /pwned', check: (r) => failed(r, READ_ONLY) },
  { name: 'mount over the workspace', command: () => `mount -t tmpfs none ${fx.ws}`, check: (r) => failed(r, /permission denied|Operation not permitted|must be superuser/i) },
  { name: 'chroot', command: () => 'chroot / true', check: (r) => failed(r, /Operation not permitted/) },
  // Reads of what is private.
  { name: 'read ~/.ssh', command: () => `cat ${fx.home}/.ssh/id_rsa`, check: (r) => failed(r, NO_SUCH) },
  { name: 'read ~/.aws', command: () => `cat ${fx.home}/.aws/credentials`, check: (r) => failed(r, NO_SUCH) },
  { name: 'list ~/.gnupg', command: () => `ls -A ${fx.home}/.gnupg`, check: (r) => failed(r, NO_SUCH) },
  { name: 'read a Firefox profile', command: () => `cat ${fx.home}/.mozilla/firefox/profiles.ini`, check: (r) => failed(r, NO_SUCH) },
  { name: 'read Chrome cookies', command: () => `cat "${fx.home}/.config/google-chrome/Default/Cookies"`, check: (r) => failed(r, NO_SUCH) },
  { name: "read Aura's data folder", command: () => `cat ${fx.dataDir}/aura.db`, check: (r) => failed(r, NO_SUCH) },
  { name: 'read /etc/shadow', command: () => 'cat /etc/shadow', check: (r) => failed(r, NO_SUCH) },
  {
    name: "list the real user's home",
    command: () => `ls -A ${homedir()}`,
    check: (r) => {
      for (const name of readdirSync(homedir())) expect(r.output.split('\n')).not.toContain(name);
    },
  },
  {
    name: 'read Chrome cookies through an extra readable folder that holds them',
    sandbox: () => fx.sandbox({ extraReadable: [join(fx.home, '.config')] }),
    command: () => `cat ${fx.home}/.config/tool.conf && ls -A ${fx.home}/.config/google-chrome | wc -l && cat "${fx.home}/.config/google-chrome/Default/Cookies"`,
    check: (r) => failed(r, /^readable tool config0\n.*No such file or directory/s),
  },
  {
    name: "read Aura's data folder kept inside the workspace",
    sandbox: () => fx.sandbox({ dataDir: join(fx.ws, '.aura') }),
    command: () => `cat ${fx.ws}/.aura/aura.db`,
    check: (r) => failed(r, NO_SUCH),
  },
  // The host's processes and kernel interfaces.
  { name: "see the host's processes in /proc", command: () => `ls /proc/${process.pid} || kill -0 ${process.pid}`, check: (r) => failed(r, /No such (file or directory|process)/) },
  { name: 'read /sys', command: () => 'ls /sys/kernel', check: (r) => failed(r, NO_SUCH) },
  // Only stdin (/dev/null), stdout and stderr: no descriptor of the host passed through (the 3 is ls's own).
  { name: 'use a descriptor inherited from the host', command: () => 'ls /proc/self/fd | tr "\\n" " "; exec 7>&- 8>&- 9>&-; echo x >&9', check: (r) => failed(r, /^0 1 2 3 .*Bad file descriptor/s) },
  { name: 'make a user namespace of its own', command: () => (userns ? 'unshare -Urm true' : 'false'), check: (r) => expect(r.exitCode).not.toBe(0) },
  // The network, off.
  { name: 'reach a loopback server with curl', command: () => `curl -sS -m 5 http://127.0.0.1:${net.port}/`, check: (r) => failed(r, /Failed to connect|Couldn't connect/) },
  { name: 'reach a loopback server with /dev/tcp', command: () => `exec 5<>/dev/tcp/127.0.0.1/${net.port}`, check: (r) => failed(r, /Connection refused|Network is unreachable/) },
  { name: 'reach the internet', command: () => 'curl -sS -m 5 http://1.1.1.1/', check: (r) => failed(r, /Failed to connect|Couldn't connect|unreachable/) },
  { name: 'resolve a name', command: () => 'getent ahosts example.com', check: (r) => expect(r.exitCode).not.toBe(0) },
  {
    name: 'reach an abstract unix socket of the host',
    command: () => `perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Peer => "\\0${net.abstractName}") or die "refused: $!\\n"'`,
    check: (r) => failed(r, /refused: (Connection refused|No such file)/),
  },
  // Git's hooks and config, in any spelling and wherever git looks for them.
  { name: 'write .git/hooks', command: () => 'echo evil > .git/hooks/pre-commit', check: (r) => failed(r, READ_ONLY) },
  { name: 'remove .git/hooks', command: () => 'rm -rf .git/hooks', check: (r) => failed(r, READ_ONLY) },
  { name: 'set core.hooksPath with git', command: () => 'git config core.hooksPath /tmp/evil', check: (r) => failed(r, READ_ONLY) },
  { name: 'append to .git/config', command: () => 'printf "[core]\\n\\tfsmonitor = evil\\n" >> .git/config', check: (r) => failed(r, READ_ONLY) },
  { name: 'replace .git/config', command: () => 'cp .git/config c && mv c .git/config', check: (r) => failed(r, READ_ONLY) },
  { name: 'write a file the config includes', command: () => 'echo "[core] hooksPath = /x" >> shared.gitconfig', check: (r) => failed(r, READ_ONLY) },
  { name: "write a repository's core.hooksPath folder", command: () => 'echo evil > app/.githooks/pre-commit', check: (r) => failed(r, READ_ONLY) },
  { name: 'create a core.hooksPath folder that did not exist', command: () => 'mkdir -p web/.husky && echo evil > web/.husky/pre-commit', check: (r) => failed(r, READ_ONLY) },
  { name: "write the user's global core.hooksPath folder", command: () => 'mkdir -p global-hooks && echo evil > global-hooks/pre-commit', check: (r) => failed(r, READ_ONLY) },
  { name: "write a submodule's hooks", command: () => 'echo evil > .git/modules/lib/hooks/post-checkout', check: (r) => failed(r, READ_ONLY) },
  { name: "repoint a submodule's .git file", command: () => 'echo "gitdir: ../evil" > lib/.git', check: (r) => failed(r, READ_ONLY) },
  { name: 'rename .git away and write a copy of its config', command: () => 'mv .git .g && mkdir .git && cp -a .g/. .git/ && printf "[core]\\n\\tfsmonitor = evil\\n" >> .git/config', check: (r) => failed(r, /Device or resource busy/) },
  { name: "rename a submodule's git folder away", command: () => 'mv .git/modules/lib .git/modules/lib2', check: (r) => failed(r, /Device or resource busy/) },
  { name: 'write .GIT/HOOKS in another case', command: () => 'echo evil > .git/HOOKS/pre-commit || echo evil > .git/Hooks/pre-commit', check: (r) => failed(r, NO_SUCH) },
];

describe('escape probes (network off)', () => {
  it('are at least 25', () => {
    expect(probes.length).toBeGreaterThanOrEqual(25);
  });

  it.each(probes.map((probe) => [probe.name, probe] as const))('%s: fails, and nothing outside changes', async (_name, probe) => {
    const before = fx.snapshot();
    const hits = net.hits();
    probe.check(await sh(probe.command(), probe.sandbox ? `probe-${probe.name}` : 'probes', probe.sandbox?.() ?? fx.sandbox()));
    expect(fx.snapshot()).toEqual(before);
    expect(net.hits()).toBe(hits);
  }, 30_000);

  it('a planted hook in another spelling of .git is never run by git outside', async () => {
    const marker = join(fx.base, 'HOOK_RAN');
    const hook = `#!/bin/sh\ntouch ${marker}\n`;
    await sh(`for d in .GIT/hooks .Git/Hooks .git/HOOKS; do mkdir -p $d && printf '${hook.replace(/\n/g, '\\n')}' > $d/pre-commit && chmod +x $d/pre-commit; done; true`);
    fx.git(fx.ws, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'probe');
    expect(existsSync(marker)).toBe(false);
  }, 30_000);
});

describe('git folders a command could point elsewhere', () => {
  it('a commondir planted in .git is removed after the command, and git outside never reads its config', async () => {
    const marker = join(fx.base, 'FSMONITOR_RAN');
    const r = await sh(`mkdir -p evil && printf '[core]\\n\\tfsmonitor = touch ${marker}\\n\\trepositoryformatversion = 0\\n' > evil/config && echo "$PWD/evil" > .git/commondir && cat .git/commondir`, 'commondir');
    expect(r.output).toContain('/evil');
    expect(r.note).toMatch(/Git safety: removed .*\.git\/commondir/);
    expect(existsSync(join(fx.ws, '.git', 'commondir'))).toBe(false);
    fx.git(fx.ws, 'status', '--porcelain');
    expect(existsSync(marker)).toBe(false);
    await sh('rm -rf evil', 'commondir');
  }, 30_000);

  it('a commondir a background job plants after the command is removed when the shell closes', async () => {
    // The job waits for a file the test makes once the call (and its check) is over.
    await sh('(until [ -e go ]; do sleep 0.05; done; echo /nowhere > .git/commondir; touch planted) >/dev/null 2>&1 &', 'commondir-bg');
    writeFileSync(join(fx.ws, 'go'), '');
    await until(() => existsSync(join(fx.ws, 'planted')));
    expect(existsSync(join(fx.ws, '.git', 'commondir'))).toBe(true);
    await vm.call('shell.close', { session: 'commondir-bg' });
    expect(existsSync(join(fx.ws, '.git', 'commondir'))).toBe(false);
    rmSync(join(fx.ws, 'go'));
    rmSync(join(fx.ws, 'planted'));
  }, 30_000);

  it('says so when a command makes a new repository, whose config it wrote', async () => {
    const r = await sh('mkdir -p fresh && git init -q fresh && echo ok', 'fresh-repo');
    expect(r.output).toContain('ok');
    expect(r.note).toMatch(/new git repositories .*fresh\/\.git/);
    await sh('rm -rf fresh', 'fresh-repo');
  }, 30_000);
});

describe('workspaces the sandbox refuses', () => {
  it.each([
    ['the root folder', () => ['/']],
    ['a system folder', () => ['/usr']],
    ['a folder that holds the home', () => [fx.base]],
    ["Aura's data folder itself", () => [fx.dataDir]],
    ['a folder inside ~/.ssh', () => [join(fx.home, '.ssh')]],
  ])('%s', async (_name, roots) => {
    await expect(vm.call('shell.run', { session: `refused-${roots()[0]}`, sandbox: fx.sandbox({ roots: roots() }), command: 'true', timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('extra folders the sandbox refuses', () => {
  it.each([
    ['the home folder as a readable folder', () => ({ extraReadable: [fx.home] })],
    ['a folder holding the home as a readable folder', () => ({ extraReadable: [fx.base] })],
    ['~/.config as a writable folder', () => ({ extraWritable: [join(fx.home, '.config')] })],
    ['~/.config/git as a writable folder', () => ({ extraWritable: [join(fx.home, '.config', 'git')] })],
    ['a folder inside ~/.config/autostart as a writable folder', () => ({ extraWritable: [join(fx.home, '.config', 'autostart', 'x')] })],
    ['~/.config/systemd as a writable folder', () => ({ extraWritable: [join(fx.home, '.config', 'systemd')] })],
    ['~/.local/share (holds applications) as a writable folder', () => ({ extraWritable: [join(fx.home, '.local', 'share')] })],
  ])('%s', async (name, over) => {
    for (const dir of ['.config/git', '.config/autostart/x', '.config/systemd', '.local/share/applications']) mkdirSync(join(fx.home, dir), { recursive: true });
    await expect(vm.call('shell.run', { session: `refused-extra-${name}`, sandbox: fx.sandbox(over()), command: 'true', timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('still allows a program\'s own folder in ~/.config as writable, and ~/.config as readable', async () => {
    mkdirSync(join(fx.home, '.config', 'nvim'), { recursive: true });
    const r = await sh(`touch ${fx.home}/.config/nvim/ok && ls ${fx.home}/.config >/dev/null && echo fine`, 'extra-allowed', fx.sandbox({ extraWritable: [join(fx.home, '.config', 'nvim')], extraReadable: [join(fx.home, '.config')] }));
    expect(r.output).toContain('fine');
  }, 30_000);
});

describe('the network, when the settings turn it on', () => {
  it('reaches the loopback server: the probes above were not failing for another reason', async () => {
    const hits = net.hits();
    const result = await sh(`exec 5<>/dev/tcp/127.0.0.1/${net.port} && echo connected`, 'network-on', fx.sandbox({ network: true }));
    expect(result).toMatchObject({ exitCode: 0, output: 'connected\n' });
    expect(net.hits()).toBe(hits + 1);
  }, 30_000);
});

describe('limits', () => {
  it('the self-test runs a program, not only a builtin: a limit that stops programs from starting is reported', async () => {
    // `ulimit -v` this low leaves bash's builtins working but no program able to load.
    const starved = { kind: 'rlimit' as const, max: 1, reason: null, shellPrelude: 'ulimit -v 1000', wrap: (argv: string[]) => ({ argv, release: () => undefined }) };
    const tools = { bwrap: systemProgram('bwrap'), disableUserns: false, sizedTmpfs: false, limiter: starved, path: process.env.PATH ?? '/usr/bin:/bin', lang: 'C.UTF-8' };
    const probed = await probeSandbox(tools, systemProgram('bash'), systemProgram('perl'), fx.home);
    expect(probed).toMatchObject({ sandbox: 'none', reason: expect.stringMatching(/bubblewrap could not start a sandbox: .*true/s) });
  }, 30_000);

  it('bounds how many processes a sandbox may hold, and a fork bomb leaves the host able to start processes', async () => {
    const counted = await sh(`perl -e 'my $n = 0; for (1..3000) { my $p = fork(); last unless defined $p; if (!$p) { sleep 60; exit } $n++ } print "$n\\n"'`, 'fork-count');
    expect(Number(counted.output.trim())).toBeGreaterThan(50);
    expect(Number(counted.output.trim())).toBeLessThanOrEqual(512);
    await vm.call('shell.close', { session: 'fork-count' });

    const namespace = (await sh('readlink /proc/self/ns/pid', 'fork-bomb')).output.trim();
    const bomb = await sh('bomb() { bomb | bomb & }; bomb; echo started', 'fork-bomb');
    expect(bomb.output).toContain('started');
    // The bomb is now at its limit: the host still starts processes, and the shell still answers builtins.
    expect(fx.git(fx.ws, 'rev-parse', '--is-inside-work-tree').trim()).toBe('true');
    expect((await sh('echo alive', 'fork-bomb')).output).toBe('alive\n');
    await vm.call('shell.close', { session: 'fork-bomb' });
    expect(processesInNamespace(namespace)).toEqual([]);
  }, 60_000);

  it('bounds processes for a user who is not root too: RLIMIT_NPROC counted in the sandbox\'s own user namespace', async () => {
    // As root (CI, this machine) the worker uses a pids cgroup, the kernel ignoring RLIMIT_NPROC for uid 0;
    // desktop users are not root, so their path runs here as an unprivileged uid, exactly as built for them.
    const limiter = createProcessLimiter(64, 65534, '5.15.0');
    expect(limiter.kind).toBe('rlimit');
    // A workspace the unprivileged uid can enter (temp folders are the creator's alone).
    const open = realpathSync(tempDir('aura-nproc-'));
    const ws = join(open, 'ws');
    mkdirSync(ws);
    chmodSync(open, 0o755);
    const { argv } = sandboxCommand({ roots: [ws], network: false, extraWritable: [], extraReadable: [], home: join(open, 'home'), dataDir: join(open, 'data') }, { bwrap: '/usr/bin/bwrap', disableUserns: true, sizedTmpfs: true, limiter, path: '/usr/bin:/bin', lang: 'C.UTF-8' }, {
      proc: true,
      network: false,
      command: ['/usr/bin/bash', '-c', `${limiter.shellPrelude}; id -u; perl -e 'my $n = 0; for (1..3000) { my $p = fork(); last unless defined $p; if (!$p) { sleep 5; exit } $n++ } print "$n\\n"'`],
    });
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--', ...argv] : argv;
    const { stdout } = await run(asUser[0] as string, asUser.slice(1), { cwd: ws });
    const [uid, forks] = stdout.trim().split('\n').map(Number);
    expect(uid).not.toBe(0);
    expect(forks).toBeGreaterThan(10);
    expect(forks).toBeLessThan(64);
  }, 60_000);

  it('a time limit kills the whole tree: children, grandchildren, setsid and nohup', async () => {
    const namespace = (await sh('readlink /proc/self/ns/pid', 'timeout')).output.trim();
    expect(namespace).toMatch(/^pid:\[\d+\]$/);
    expect(processesInNamespace(namespace).length).toBeGreaterThan(0);
    const started = Date.now();
    const error = await sh('sleep 1000 & (sleep 1000 &); setsid sleep 1000 & nohup sleep 1000 >/dev/null 2>&1 & echo waiting; sleep 1000', 'timeout', fx.sandbox(), 1500).then(
      () => null,
      (err: ErrorShape) => err,
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('waiting') });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(processesInNamespace(namespace)).toEqual([]);
    const next = await sh('echo fresh', 'timeout');
    expect(next).toMatchObject({ exitCode: 0, output: 'fresh\n', note: expect.stringContaining('time limit') });
  }, 60_000);

  it('bounds the private /tmp, which is memory', async () => {
    const result = await sh('head -c 600M /dev/zero > /tmp/fill; echo "status $?"; rm -f /tmp/fill', 'tmp-size');
    expect(result.output).toMatch(/No space left on device[\s\S]*status 1/);
  }, 60_000);

  it('caps the output it keeps, saying what it dropped', async () => {
    const result = await sh('head -c 3000000 /dev/zero | tr "\\0" "x"; echo; echo the-end', 'output');
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.output)).toBeLessThan(300 * 1024);
    expect(result.output).toMatch(/bytes of output omitted/);
    expect(result.output.trimEnd().endsWith('the-end')).toBe(true);
  }, 30_000);
});

describe('the shell', () => {
  it('keeps its folder and variables between calls, and starts anew after exit', async () => {
    expect(await vm.call('shell.run', { session: 'state', sandbox: fx.sandbox(), command: 'cd app && export GREETING=hi', timeoutMs: 10_000 })).toMatchObject({ exitCode: 0, cwd: join(fx.ws, 'app') });
    expect(await vm.call('shell.run', { session: 'state', sandbox: fx.sandbox(), command: 'echo "$GREETING from $PWD"', timeoutMs: 10_000 })).toMatchObject({ output: `hi from ${join(fx.ws, 'app')}\n` });
    expect(await vm.call('shell.run', { session: 'state', sandbox: fx.sandbox(), command: 'exit 4', timeoutMs: 10_000 })).toMatchObject({ exitCode: 4, note: expect.stringContaining('exited') });
    expect(await vm.call('shell.run', { session: 'state', sandbox: fx.sandbox(), command: 'echo "[$GREETING]"; pwd', timeoutMs: 10_000 })).toMatchObject({ output: `[]\n${fx.ws}\n`, note: expect.stringContaining('new shell') });
  }, 30_000);
});
