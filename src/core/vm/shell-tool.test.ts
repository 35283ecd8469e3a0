import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxProbe } from '../../shared/vm';
import { shellTool } from './shell-tool';
import type { VmService } from './vm-service';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'aura-shell-preview-')));
mkdirSync(join(root, 'sub'));
const ctx = { roots: [root], signal: new AbortController().signal, actor: 'test', taskId: null };

/** A VM service that only answers what the preview asks: the sandbox found, and the network setting. */
const vmWith = (sandbox: SandboxProbe['sandbox'] | Error, network: boolean) =>
  ({
    probe: async () => {
      if (sandbox instanceof Error) throw sandbox;
      return { sandbox, reason: null, files: 'sandbox', filesReason: null, processLimit: 'none' } as SandboxProbe;
    },
    sandboxFor: (roots: string[]) => ({ roots, network, extraWritable: [], extraReadable: [], home: '/h', dataDir: '/d' }),
  }) as unknown as VmService;

const preview = (vm: VmService, input: unknown) => shellTool(vm).preview?.(input, ctx);

describe('shell preview', () => {
  it('shows the whole command, the folder it starts in, and whether the network is on', async () => {
    const command = `echo ${'x'.repeat(5000)} && curl https://example.com`;
    expect(await preview(vmWith('bubblewrap', false), { command })).toEqual({ kind: 'command', command, cwd: null, network: false });
    expect(await preview(vmWith('bubblewrap', true), { command: 'ls', cwd: 'sub/../sub' })).toEqual({ kind: 'command', command: 'ls', cwd: 'sub', network: true });
    // A folder the run would refuse is shown as given; running it fails with the guard's message.
    expect(await preview(vmWith('bubblewrap', false), { command: 'ls', cwd: '../..' })).toMatchObject({ cwd: '../..' });
  });

  it('says the network is on when no sandbox cuts it off, whatever the setting', async () => {
    expect(await preview(vmWith('none', false), { command: 'ls' })).toMatchObject({ network: true });
    expect(await preview(vmWith(new Error('worker down'), false), { command: 'ls' })).toMatchObject({ network: false });
  });
});
