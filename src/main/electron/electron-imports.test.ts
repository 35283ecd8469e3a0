import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

// Only the two entry points load the real `electron` module; everything else takes Electron objects
// as parameters, which is what lets these tests run without the Electron binary.
const SKIPPED = new Set(['index.ts', basename(__filename)]);
const folders = [__dirname, join(__dirname, '..', '..', 'preload')];
const valueImport = /^\s*import\s+(?!type\s)[^;]*?from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/m;

describe('electron imports', () => {
  const files = folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && !SKIPPED.has(name))
      .map((name) => relative(process.cwd(), join(folder, name))),
  );

  it('finds the modules it checks', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports electron for types only', (file) => {
    expect(readFileSync(file, 'utf8')).not.toMatch(valueImport);
  });

  it('would catch a value import', () => {
    expect("import { app } from 'electron';").toMatch(valueImport);
    expect("const { app } = require('electron');").toMatch(valueImport);
    expect("import type { App } from 'electron';").not.toMatch(valueImport);
  });
});
