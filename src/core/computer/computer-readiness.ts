import { join } from 'node:path';
import type { Capability } from '../../shared/readiness';
import { checkDisplay, type MachineFacts } from '../readiness/readiness-checks';

/** The X programs computer use runs, and the Debian package of each. */
const PROGRAMS = [
  { name: 'xdotool', apt: 'xdotool' },
  { name: 'xwd', apt: 'x11-apps' },
] as const;

/**
 * Readiness → X display: the display computer use drives (Settings, else DISPLAY) with its server
 * listening, and the programs it runs there (xdotool for input, xwd for screenshots). Off Linux it says
 * computer use is not supported there yet.
 */
export function checkComputerUse(facts: MachineFacts, configured: string | null): Capability {
  if (facts.platform !== 'linux') {
    return { id: 'display', state: 'missing', detail: `Computer use works on Linux with an X11 display only, for now; this is ${facts.platform}.`, fix: null, path: null };
  }
  const display = checkDisplay(configured ? { ...facts, env: { ...facts.env, DISPLAY: configured } } : facts);
  const chosen = configured ? ` (chosen in Settings; DISPLAY is ${facts.env.DISPLAY?.trim() || 'not set'})` : '';
  if (display.state !== 'ready') return { ...display, detail: `${display.detail}${chosen}` };
  const dirs = [...(facts.env.PATH ?? '').split(':').filter((dir) => dir.startsWith('/')), '/usr/bin', '/bin', '/usr/local/bin'];
  const missing = PROGRAMS.filter(({ name }) => !dirs.some((dir) => facts.isExecutable(join(dir, name))));
  if (missing.length) {
    const names = missing.map(({ name }) => name).join(' and ');
    return { ...display, state: 'missing', detail: `${display.detail}${chosen} But ${names} ${missing.length === 1 ? 'is' : 'are'} not installed: computer use needs xdotool for the mouse and keyboard and xwd for screenshots.`, fix: `sudo apt-get install ${missing.map(({ apt }) => apt).join(' ')}` };
  }
  return { ...display, detail: `${display.detail}${chosen} xdotool and xwd are installed.` };
}
