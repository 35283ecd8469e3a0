import { useCallback, useLayoutEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingChange, Settings } from '../../shared/settings';
import { applyLanguage, applyTheme, resolveTheme, writeCachedAppearance, type Appearance } from '../appearance/document-appearance';
import { useClient } from '../hooks/use-client';
import { useEvent } from '../hooks/use-event';
import { usePrefersDark } from '../hooks/use-prefers-dark';
import { useProcedure } from '../hooks/use-procedure';
import { SettingsContext, type SettingsContextValue } from '../hooks/use-settings';

// Compared whole, by value, so no setting (model routes, permission profile …) is left stale.
// Both sides come out of the same zod schema, so their keys are in the same order.
const sameSettings = (a: Settings | undefined, b: Settings) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * Loads the settings, keeps them in step with `settings.changed` (another window or the CLI may
 * change them) and applies language, direction and theme to <html>.
 */
export function SettingsProvider({ initial, children }: { initial: Appearance; children: ReactNode }) {
  const client = useClient();
  const { i18n } = useTranslation();
  const { data, error, reload, update: replace } = useProcedure('settings.getAll', {});
  // The same change usually arrives twice (the reply to our call, then the broadcast): keep one render.
  const accept = useCallback((next: Settings) => replace((current) => (sameSettings(current, next) ? current : next)), [replace]);
  useEvent('settings.changed', accept);

  const language = data?.language ?? initial.language;
  const theme = data?.theme ?? initial.theme;
  const prefersDark = usePrefersDark();
  const resolvedTheme = resolveTheme(theme, prefersDark);

  // Layout effects: the new direction and theme must be in place before the browser paints.
  useLayoutEffect(() => {
    applyLanguage(language);
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);
  useLayoutEffect(() => applyTheme(resolvedTheme), [resolvedTheme]);
  useLayoutEffect(() => {
    if (data) writeCachedAppearance({ language: data.language, theme: data.theme });
  }, [data]);

  const update = useCallback(
    async (change: SettingChange) => {
      const next = await client.call('settings.set', change);
      accept(next);
      return next;
    },
    [client, accept],
  );

  const value = useMemo<SettingsContextValue>(
    () => ({ settings: data ?? null, error, resolvedTheme, update, reload }),
    [data, error, resolvedTheme, update, reload],
  );
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}
