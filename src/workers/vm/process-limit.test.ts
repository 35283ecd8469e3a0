import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProcessLimiter, nprocPerUserNamespace } from './process-limit';

describe('nprocPerUserNamespace', () => {
  it('is true from Linux 5.14 on, whatever follows the version', () => {
    expect(['5.14.0', '5.15.0-91-generic', '6.1.0-18-amd64', '6.18.44-fc-v1045', '10.0'].every(nprocPerUserNamespace)).toBe(true);
    expect(['5.13.19', '5.4.0-150-generic', '4.19.0', '3.10.0-1160.el7.x86_64', 'weird'].some(nprocPerUserNamespace)).toBe(false);
  });
});

describe('createProcessLimiter', () => {
  it('uses RLIMIT_NPROC for a user who is not root on a kernel that counts it per user namespace', () => {
    const limiter = createProcessLimiter(64, 1000, '5.15.0', null);
    expect(limiter).toMatchObject({ kind: 'rlimit', max: 64, reason: null, shellPrelude: 'ulimit -u 64' });
  });

  it('never sets RLIMIT_NPROC on an older kernel, where it counts all the user\'s processes on the host, and says why', () => {
    const limiter = createProcessLimiter(64, 1000, '5.10.0-28-amd64', null);
    expect(limiter).toMatchObject({ kind: 'none', max: null, shellPrelude: '' });
    expect(limiter.reason).toMatch(/5\.10\.0-28-amd64.*older than 5\.14/);
  });

  it('uses a pids cgroup on an older kernel where one can be made', () => {
    const base = mkdtempSync(join(tmpdir(), 'aura-cg-'));
    try {
      const limiter = createProcessLimiter(64, 1000, '5.4.0', base);
      expect(limiter).toMatchObject({ kind: 'cgroup', max: 64, shellPrelude: '' });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('root without a cgroup: none, with the reason', () => {
    expect(createProcessLimiter(64, 0, '6.1.0', null)).toMatchObject({ kind: 'none', reason: expect.stringContaining('root') });
  });
});
