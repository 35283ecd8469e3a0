// `prepare` builds the app after `npm ci`/`npm install`. `npx aura` links this checkout into the npx
// cache and runs `prepare` again; when a build already exists that rebuild is skipped.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const built = existsSync('dist/cli.js') && existsSync('dist/start.js') && existsSync('dist/renderer/index.html');
if (process.env.npm_command === 'exec' && built) process.exit(0);
execSync('npm run build', { stdio: 'inherit' });
