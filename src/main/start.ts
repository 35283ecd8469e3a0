import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AuraError } from '../shared/errors';
import { runHeadless } from './headless/run-headless';

/**
 * `npm start`: Electron when its binary is installed, otherwise the headless host. The binary is
 * looked up by hand because `require('electron')` would try to download it.
 */
function electronBinary(): string | null {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
    const binary = join(pkgDir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function main(): void {
  // `--background`: started by the CLI when no host runs; no window, no UI server, exits when idle.
  const background = process.argv.includes('--background');
  const binary = process.env.AURA_HEADLESS === '1' || background ? null : electronBinary();
  if (binary) {
    const child = spawn(binary, [join(__dirname, '..')], { stdio: 'inherit', env: { ...process.env } });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  runHeadless(process.env, { background }).catch((err: unknown) => {
    if (err instanceof AuraError) {
      console.error(`Aura Work could not start: ${err.message}${err.hint ? `\n${err.hint}` : ''}`);
    } else {
      console.error(`Aura Work could not start: ${err instanceof Error ? err.message : String(err)}`);
    }
    process.exit(1);
  });
}

main();
