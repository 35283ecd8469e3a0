// Derives from the contract what the CLI and the preload need without loading zod: the CLI manifest
// (commands, arguments, options, help) and the names of the procedures and events.
import { writeFileSync } from 'node:fs';
import { version } from '../package.json';
import { buildManifest } from '../src/cli/generate-manifest';
import { events, procedureNames } from '../src/shared/contract';

const [manifestPath = 'dist/cli-manifest.json', namesPath = 'dist/.build/contract-names.json'] = process.argv.slice(2);
writeFileSync(manifestPath, `${JSON.stringify(buildManifest(version))}\n`);
writeFileSync(namesPath, JSON.stringify({ procedures: procedureNames, events: Object.keys(events) }));
