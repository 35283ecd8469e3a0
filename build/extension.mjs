// Builds the Chrome extension (Manifest V3) into dist/extension: three browser bundles (service worker,
// popup, content script) with every dependency inlined, since MV3 runs no remote code; the manifest with
// the app's version; the popup page; and the manifest's strings from the app's own catalogues.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = 'src/extension';
const OUT = 'dist/extension';
const LANGUAGES = ['en', 'fr', 'ar'];

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

export async function buildExtension() {
  await build({
    bundle: true,
    platform: 'browser',
    // Classic scripts: a content script injected from a file, and the popup's deferred <script>, cannot be modules.
    format: 'iife',
    target: 'chrome121',
    // Minified, not obfuscated (what the Chrome Web Store accepts): zod alone is most of each bundle.
    minify: true,
    logLevel: 'warning',
    entryPoints: { 'service-worker': `${SOURCE}/service-worker.ts`, popup: `${SOURCE}/popup.ts`, content: `${SOURCE}/content.ts` },
    outdir: OUT,
  });
  const manifest = readJson(`${SOURCE}/manifest.json`);
  // Chrome takes one to four dot-separated numbers: no pre-release suffix.
  manifest.version = readJson('package.json').version.replace(/[-+].*$/, '');
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of ['popup.html', 'popup.css']) copyFileSync(join(SOURCE, file), join(OUT, file));
  copyFileSync('build/icon.png', join(OUT, 'icon.png'));
  for (const language of LANGUAGES) {
    const strings = readJson(`resources/locales/${language}.json`).browserExtension.manifest;
    mkdirSync(join(OUT, '_locales', language), { recursive: true });
    const messages = { extName: { message: strings.name }, extDescription: { message: strings.description } };
    writeFileSync(join(OUT, '_locales', language, 'messages.json'), `${JSON.stringify(messages, null, 2)}\n`);
  }
}
