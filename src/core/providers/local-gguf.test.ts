import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalGgufModel } from './local-gguf';

// Running a model needs node-llama-cpp, which jest's module sandbox cannot load (an ES module with a
// native addon): test/integration/local-gguf.test.ts runs one in a child process.
describe('createLocalGgufModel', () => {
  it('reports a model file that does not exist', async () => {
    await expect(createLocalGgufModel('/no/such/model.gguf', {})).rejects.toMatchObject({ code: 'NOT_FOUND', hint: 'Point to a .gguf file on this machine.' });
  });

  it('says how to install node-llama-cpp when the folder it is pointed to does not have it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-gguf-'));
    try {
      const file = join(dir, 'model.gguf');
      writeFileSync(file, 'GGUF');
      await expect(createLocalGgufModel(file, { AURA_NODE_LLAMA_CPP_DIR: dir })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: `AURA_NODE_LLAMA_CPP_DIR is ${dir}, but node-llama-cpp is not installed there.`,
        hint: expect.stringContaining('npm run local-llm:install'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
