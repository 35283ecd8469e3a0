import { describe, expect, it } from '@jest/globals';
import { bwrapArgs, isPlainAbsolute, type SandboxPlan } from './sandbox-policy';

const plan = (over: Partial<SandboxPlan> = {}): SandboxPlan => ({
  system: { readOnlyDirs: ['/usr', '/opt'], links: [{ path: '/bin', target: 'usr/bin' }], etc: ['/etc/passwd'] },
  home: '/home/u',
  writable: ['/home/u/proj'],
  readable: ['/home/u/.nvm'],
  masks: [{ path: '/home/u/.nvm/secret', kind: 'dir' }, { path: '/home/u/.nvm/token', kind: 'file' }],
  readOnly: ['/home/u/proj/.git/hooks', '/home/u/proj/.git/config'],
  network: false,
  disableUserns: true,
  tmpfsBytes: { tmp: 1000, home: 10 },
  proc: true,
  env: { PATH: '/usr/bin', HOME: '/home/u' },
  cwd: '/home/u/proj',
  infoFd: 3,
  command: ['/usr/bin/bash', '-c', 'true'],
  ...over,
});

/** The flags between `from` and the next flag, for checking pairs like --bind A B. */
const pairs = (args: string[], flag: string) => args.flatMap((arg, i) => (arg === flag ? [[args[i + 1], args[i + 2]]] : []));

describe('bwrapArgs', () => {
  it('isolates every namespace, drops capabilities and clears the environment', () => {
    const args = bwrapArgs(plan());
    expect(args.slice(0, 10)).toEqual(['--unshare-all', '--unshare-user', '--disable-userns', '--die-with-parent', '--new-session', '--cap-drop', 'ALL', '--clearenv', '--setenv', 'PATH']);
    expect(args).not.toContain('--share-net');
    expect(args.slice(args.indexOf('--'))).toEqual(['--', '/usr/bin/bash', '-c', 'true']);
  });

  it('shares the network only when asked, and leaves out --disable-userns where bubblewrap lacks it', () => {
    const args = bwrapArgs(plan({ network: true, disableUserns: false }));
    expect(args).toContain('--share-net');
    expect(args).not.toContain('--disable-userns');
  });

  it('binds the system read-only, the workspace read-write, then masks secrets and git, and finally makes / read-only', () => {
    const args = bwrapArgs(plan());
    expect(pairs(args, '--ro-bind')).toEqual([
      ['/usr', '/usr'],
      ['/opt', '/opt'],
      ['/etc/passwd', '/etc/passwd'],
      ['/home/u/.nvm', '/home/u/.nvm'],
      ['/dev/null', '/home/u/.nvm/token'],
      ['/home/u/proj/.git/hooks', '/home/u/proj/.git/hooks'],
      ['/home/u/proj/.git/config', '/home/u/proj/.git/config'],
    ]);
    expect(pairs(args, '--bind')).toEqual([['/home/u/proj', '/home/u/proj']]);
    const order = ['--tmpfs /home/u', '--bind /home/u/proj', '--tmpfs /home/u/.nvm/secret', '--ro-bind /home/u/proj/.git/hooks', '--remount-ro /'].map((pair) => {
      const [flag, path] = pair.split(' ');
      return args.findIndex((arg, i) => arg === flag && args[i + 1] === path);
    });
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(args.slice(args.indexOf('--tmpfs', args.indexOf('/home/u/.nvm/secret') - 1), args.indexOf('/home/u/.nvm/secret') + 3)).toEqual(['--tmpfs', '/home/u/.nvm/secret', '--remount-ro', '/home/u/.nvm/secret']);
  });

  it('binds each git folder over itself after the workspace and before the masks and the read-only binds inside it', () => {
    const args = bwrapArgs(plan({ gitDirs: ['/home/u/proj/.git', '/home/u/proj/.git/modules/lib'] }));
    expect(pairs(args, '--bind')).toEqual([
      ['/home/u/proj', '/home/u/proj'],
      ['/home/u/proj/.git', '/home/u/proj/.git'],
      ['/home/u/proj/.git/modules/lib', '/home/u/proj/.git/modules/lib'],
    ]);
    const at = (flag: string, path: string) => args.findIndex((arg, i) => arg === flag && args[i + 1] === path);
    expect(at('--bind', '/home/u/proj')).toBeLessThan(at('--bind', '/home/u/proj/.git'));
    expect(at('--bind', '/home/u/proj/.git/modules/lib')).toBeLessThan(at('--tmpfs', '/home/u/.nvm/secret'));
    expect(at('--bind', '/home/u/proj/.git/modules/lib')).toBeLessThan(at('--ro-bind', '/home/u/proj/.git/hooks'));
  });

  it('gives shells their own /proc, the file helper none, and everyone a private /tmp and /dev', () => {
    expect(bwrapArgs(plan())).toContain('--proc');
    const helper = bwrapArgs(plan({ proc: false }));
    expect(helper).not.toContain('--proc');
    expect(pairs(helper, '--tmpfs').map(([path]) => path)).toEqual(expect.arrayContaining(['/tmp', '/var/tmp', '/home/u']));
    expect(helper).toEqual(expect.arrayContaining(['--dev', '/dev']));
  });

  it('sizes the private tmpfs folders where bubblewrap can, and leaves the size out where it cannot', () => {
    const args = bwrapArgs(plan());
    expect(args.join(' ')).toContain('--size 1000 --tmpfs /tmp');
    expect(args.join(' ')).toContain('--size 10 --tmpfs /home/u');
    expect(bwrapArgs(plan({ tmpfsBytes: null }))).not.toContain('--size');
  });

  it('never mounts a tmpfs over / for a home that is /', () => {
    expect(pairs(bwrapArgs(plan({ home: '/' })), '--tmpfs').map(([path]) => path)).not.toContain('/');
  });
});

describe('isPlainAbsolute', () => {
  it('accepts plain absolute paths only', () => {
    expect(['/a', '/a/b', '/', '/a b/c'].every(isPlainAbsolute)).toBe(true);
    expect(['a', './a', '/a/../b', '/a/./b', '/a//b', '/a/', '/a\0b', '/..'].some(isPlainAbsolute)).toBe(false);
  });
});
