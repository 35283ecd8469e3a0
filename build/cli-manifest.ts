// Writes the CLI manifest (commands, arguments, options, help) derived from the contract: dist/cli-manifest.json.
import { writeFileSync } from 'node:fs';
import { version } from '../package.json';
import { buildManifest } from '../src/cli/generate-manifest';

writeFileSync(process.argv[2] ?? 'dist/cli-manifest.json', `${JSON.stringify(buildManifest(version))}\n`);
