import { Language, Theme } from '../../shared/settings';
import { directionOf } from '../i18n/i18n';

/** What <html> shows: `system` is never applied as such, it resolves to light or dark. */
export type ResolvedTheme = 'light' | 'dark' | 'high-contrast';

/** The settings that decide how the very first frame looks, before the host has answered. */
export interface Appearance {
  language: Language;
  theme: Theme;
}

const CACHE_KEY = 'aura.appearance';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Theme, prefersDark: boolean): ResolvedTheme {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

export function prefersDarkQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
}

export function applyLanguage(language: Language): void {
  const root = document.documentElement;
  root.lang = language;
  root.dir = directionOf(language);
}

export function applyTheme(theme: ResolvedTheme): void {
  document.documentElement.dataset.theme = theme;
}

/**
 * The last appearance this browser saw, so a reload in Arabic or in dark mode does not flash English
 * or white first. The host stays the source of truth: this cache only covers the first frame.
 */
export function readCachedAppearance(): Appearance {
  const fallback: Appearance = { language: 'en', theme: 'system' };
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null');
    if (!raw || typeof raw !== 'object') return fallback;
    const { language, theme } = raw as Record<string, unknown>;
    return {
      language: Language.safeParse(language).data ?? fallback.language,
      theme: Theme.safeParse(theme).data ?? fallback.theme,
    };
  } catch {
    return fallback;
  }
}

export function writeCachedAppearance(appearance: Appearance): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(appearance));
  } catch {
    /* storage may be unavailable; the cost is one flash on the next load */
  }
}
