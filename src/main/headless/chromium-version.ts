import { execFile } from 'node:child_process';

let cached: Promise<string | null> | undefined;

/** The system Chromium that browser automation drives, asked once; null when it is not installed. */
export function systemChromiumVersion(): Promise<string | null> {
  cached ??= new Promise((resolve) => {
    execFile('/usr/bin/chromium', ['--version'], { timeout: 5000 }, (error, stdout) => {
      resolve(error ? null : (/(\d+\.\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? null));
    });
  });
  return cached;
}
