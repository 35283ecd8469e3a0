import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV3 } from '../../shared/language-model-v3';
import { createLocalGgufModel, type LocalModels } from './local-gguf';

// Running a model needs node-llama-cpp in the model worker: test/integration/local-gguf.test.ts runs one.
describe('createLocalGgufModel', () => {
  const local = (appRoot: string): LocalModels => ({
    appRoot,
    worker: () => ({ call: () => Promise.reject(new Error('no worker in this test')) }),
  });

  it('reports a model file that does not exist', async () => {
    await expect(createLocalGgufModel('/no/such/model.gguf', {}, local('/nowhere'))).rejects.toMatchObject({ code: 'NOT_FOUND', hint: 'Point to a .gguf file on this machine.' });
  });

  it('says how to install node-llama-cpp when the folder it is pointed to does not have it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-gguf-'));
    try {
      const file = join(dir, 'model.gguf');
      writeFileSync(file, 'GGUF');
      await expect(createLocalGgufModel(file, { AURA_NODE_LLAMA_CPP_DIR: dir }, local(dir))).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: `AURA_NODE_LLAMA_CPP_DIR is ${dir}, but node-llama-cpp is not installed there.`,
        hint: expect.stringContaining('npm run local-llm:install'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds node-llama-cpp under the app’s own folder, not the current directory', async () => {
    const app = mkdtempSync(join(tmpdir(), 'aura-app-'));
    try {
      const file = join(app, 'model.gguf');
      writeFileSync(file, 'GGUF');
      const sent: unknown[] = [];
      const worker = {
        call: (_method: 'generate', params: unknown) => {
          sent.push(params);
          return Promise.reject(new Error('stop here'));
        },
      };
      const withoutInstall = (await createLocalGgufModel(file, {}, { appRoot: app, worker: () => worker })) as LanguageModelV3;
      await expect(withoutInstall.doGenerate({ prompt: [] })).rejects.toThrow('stop here');
      mkdirSync(join(app, 'node_modules', '.cache', 'aura-local-llm'), { recursive: true });
      const installed = (await createLocalGgufModel(file, {}, { appRoot: app, worker: () => worker })) as LanguageModelV3;
      await expect(installed.doGenerate({ prompt: [] })).rejects.toThrow('stop here');
      expect(sent).toEqual([expect.objectContaining({ libraryDir: null }), expect.objectContaining({ libraryDir: join(app, 'node_modules', '.cache', 'aura-local-llm') })]);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
