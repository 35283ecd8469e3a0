import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraError } from '../../shared/errors';
import { isInside, resolveInside } from './path-guard';

let base: string;
let root: string;
let outside: string;

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'aura-guard-')));
  root = join(base, 'ws');
  outside = join(base, 'outside');
  mkdirSync(join(root, 'sub', 'deep'), { recursive: true });
  mkdirSync(outside);
  mkdirSync(`${root}-evil`);
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  writeFileSync(join(root, 'sub', 'ok.txt'), 'ok');
  symlinkSync(outside, join(root, 'link-out'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'file-link-out'));
  symlinkSync(join(outside, 'missing.txt'), join(root, 'dangling-out'));
  symlinkSync(join(root, 'sub'), join(root, 'link-in'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Real escapes: every one must be refused with FORBIDDEN. */
function escapePayloads(): string[] {
  const targets = ['outside/secret.txt', 'outside', 'etc/passwd', 'outside/new.txt', ''];
  const payloads = new Set<string>();
  for (let depth = 1; depth <= 6; depth += 1) {
    for (const target of targets) {
      const up = '../'.repeat(depth);
      payloads.add(`${up}${target}`);
      payloads.add(`./${up}${target}`);
      payloads.add(`sub/${'../'.repeat(depth + 1)}${target}`);
      payloads.add(`sub/deep/${'../'.repeat(depth + 2)}${target}`);
      payloads.add(`${'..//'.repeat(depth)}${target}`);
      payloads.add(`nope/${'../'.repeat(depth + 1)}${target}`);
      payloads.add(`${up.replace(/\/$/, '')}/./${target}`);
    }
  }
  for (const suffix of ['', '/secret.txt', '/new.txt', '/../../outside', '/a/b/c.txt']) {
    payloads.add(`link-out${suffix}`);
    payloads.add(`./link-out${suffix}`);
    payloads.add(`sub/../link-out${suffix}`);
  }
  payloads.add('file-link-out');
  payloads.add('dangling-out');
  payloads.add('./dangling-out');
  return [...payloads];
}

function absolutePayloads(): string[] {
  return ['/etc/passwd', '/', '/tmp', `${base}/outside/secret.txt`, `${root}-evil`, `${root}-evil/x.txt`, `${root}/../outside/secret.txt`, `${root}/sub/../../outside`, `${root}/link-out/secret.txt`, `${root}/dangling-out`, `${root}/link-out/new/deep.txt`];
}

describe('resolveInside', () => {
  it('refuses at least 200 traversal payloads', () => {
    const payloads = [...escapePayloads(), ...absolutePayloads(), 'a\0b', `sub\0/../../outside`, '', 'x'.repeat(5000)];
    expect(payloads.length).toBeGreaterThanOrEqual(200);
    for (const payload of payloads) {
      let error: unknown;
      try {
        resolveInside([root], payload);
      } catch (err) {
        error = err;
      }
      expect({ payload, code: (error as AuraError | undefined)?.code }).toEqual({ payload, code: 'FORBIDDEN' });
    }
  });

  it('resolves paths that stay inside, including links that point inside', () => {
    expect(resolveInside([root], 'sub/ok.txt')).toBe(join(root, 'sub', 'ok.txt'));
    expect(resolveInside([root], 'link-in/ok.txt')).toBe(join(root, 'sub', 'ok.txt'));
    expect(resolveInside([root], 'sub/../new.txt')).toBe(join(root, 'new.txt'));
    expect(resolveInside([root], 'a/b/c/new.txt')).toBe(join(root, 'a', 'b', 'c', 'new.txt'));
    expect(resolveInside([root], `${root}/sub`)).toBe(join(root, 'sub'));
    expect(resolveInside([root], '.')).toBe(root);
    // `..` is applied to the text before links are followed, so this names root/ws-evil, never the sibling.
    expect(resolveInside([root], 'link-out/../ws-evil')).toBe(join(root, 'ws-evil'));
  });

  it('never returns a path outside the root, whatever the segments (property)', () => {
    const segment = fc.constantFrom('..', '.', 'sub', 'deep', 'link-out', 'link-in', 'dangling-out', 'new', 'ok.txt', '');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), (segments) => {
        const requested = segments.join('/');
        try {
          const real = resolveInside([root], requested);
          return isInside(root, real);
        } catch (err) {
          return err instanceof AuraError && err.code === 'FORBIDDEN';
        }
      }),
      { numRuns: 500 },
    );
  });

  it('tells prefix siblings apart', () => {
    expect(isInside('/a/ws', '/a/ws-evil')).toBe(false);
    expect(isInside('/a/ws', '/a/ws/x')).toBe(true);
    expect(isInside('/a/ws', '/a/ws')).toBe(true);
    expect(isInside('/a/ws', '/a/ws/..x')).toBe(true);
  });
});
