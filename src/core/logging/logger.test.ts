import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test/support/temp-app';
import { createFileLogger, redact } from './logger';

describe('file logger', () => {
  it('writes structured lines and never writes secret fields', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir });
    logger.info('paired', { client: 'ext', token: 'abc123', nested: { apiKey: 'sk-live', ok: 1 }, Authorization: 'Bearer x' });
    const text = readFileSync(join(dir, 'aura.log'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ level: 'info', msg: 'paired', client: 'ext', token: '[redacted]', nested: { apiKey: '[redacted]', ok: 1 } });
    expect(text).not.toMatch(/abc123|sk-live|Bearer x/);
    expect(redact({ password: 'p', passphrase: 'q', cookie: 'c' })).toEqual({ password: '[redacted]', passphrase: '[redacted]', cookie: '[redacted]' });
  });

  it('rotates at the size limit, keeps N files, and tails the newest lines', () => {
    const dir = tempDir();
    const logger = createFileLogger({ dir, maxBytes: 2000, keep: 3, minLevel: 'debug' });
    for (let i = 0; i < 200; i += 1) logger.debug(`line ${i}`);
    expect(existsSync(join(dir, 'aura.1.log'))).toBe(true);
    expect(existsSync(join(dir, 'aura.3.log'))).toBe(true);
    expect(existsSync(join(dir, 'aura.4.log'))).toBe(false);
    expect(readFileSync(join(dir, 'aura.log'), 'utf8').length).toBeLessThanOrEqual(2000);
    expect(logger.tail(2).map((line) => JSON.parse(line).msg)).toEqual(['line 198', 'line 199']);
  });
});
