import { KEY_VARIABLES } from '../../../shared/provider-presets';
import type { DetectedProvider } from '../../../shared/providers';

/** The contract takes at most this many extra addresses a detection. */
export const MAX_CUSTOM_URLS = 8;

/**
 * The addresses typed in "Look on another port": separated by commas or spaces; a bare port means this
 * machine (`9000` → `127.0.0.1:9000`). The host adds the scheme and `/v1` and refuses anything not local.
 */
export function customUrls(text: string): string[] {
  const items = text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => (/^\d{1,5}$/.test(item) ? `127.0.0.1:${item}` : item));
  return [...new Set(items)].slice(0, MAX_CUSTOM_URLS);
}

/** The environment variables a detected key may come from (names only: the page never sees a key). */
export function keyVariablesOf(detected: DetectedProvider): readonly string[] {
  if (detected.source !== 'environment') return [];
  return detected.preset === 'openrouter' ? KEY_VARIABLES.openrouter : (KEY_VARIABLES[detected.provider as keyof typeof KEY_VARIABLES] ?? []);
}
