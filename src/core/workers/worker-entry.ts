import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AuraError } from '../../shared/errors';

/**
 * Where a worker's entry is, found from this file's own place in the app's install, never from the
 * current directory. Bundled, this code runs from dist/<entry>.js and the worker is
 * dist/workers/<name>.js (build/bundle.mjs); in a source checkout (tests, tsx) it runs from
 * src/core/workers/ and the worker is src/workers/<name>/main.ts.
 */
export function workerEntry(name: string, fromDir: string = __dirname): string {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new AuraError('INTERNAL', `"${name}" is not a worker name.`);
  const built = join(fromDir, 'workers', `${name}.js`);
  if (existsSync(built)) return built;
  const source = join(fromDir, '..', '..', 'workers', name, 'main.ts');
  if (existsSync(source)) return source;
  throw new AuraError('INTERNAL', `The ${name} worker is missing from this installation: ${built} does not exist.`, 'Reinstall Aura Work (in a checkout: npm run build).');
}
