import { createLanguageModel } from '../../src/core/providers/model-factory';
import { openTempApp } from '../support/temp-app';

/**
 * Provider account figures: what a model call of an account adds before it starts — the account's row and
 * its key out of the vault (`credentials`), and the whole model creation from the account.
 */
export async function providerFigures(reads = 2000): Promise<{ keyMs: number[]; modelMs: number[] }> {
  const app = openTempApp();
  try {
    await app.vault.init('bench vault password', 'bench');
    const account = app.providerAccounts.add({ name: 'bench', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-bench-account-0123456789abcdef' }, 'bench');
    const keyMs: number[] = [];
    const modelMs: number[] = [];
    for (let i = 0; i < reads; i += 1) {
      let started = performance.now();
      app.providerAccounts.credentials(account.id);
      keyMs.push(performance.now() - started);
      started = performance.now();
      await createLanguageModel({ provider: 'openai-compatible', model: 'm', account: account.id }, {}, undefined, app.providerAccounts);
      modelMs.push(performance.now() - started);
    }
    return { keyMs: keyMs.slice(100), modelMs: modelMs.slice(100) };
  } finally {
    await app.dispose();
  }
}
