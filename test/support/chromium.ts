/** Debian's Chromium, driven by playwright-core; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.AURA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
