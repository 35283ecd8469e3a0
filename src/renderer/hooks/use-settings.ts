import { createContext, useContext } from 'react';
import type { SettingChange, Settings } from '../../shared/settings';
import type { ResolvedTheme } from '../appearance/document-appearance';

export interface SettingsContextValue {
  /** Null until the host has answered. */
  settings: Settings | null;
  error: unknown;
  resolvedTheme: ResolvedTheme;
  /** Saves one setting; resolves with the settings the host now holds, rejects with an AuraError. */
  update(change: SettingChange): Promise<Settings>;
  reload(): void;
}

export const SettingsContext = createContext<SettingsContextValue | null>(null);

/** The settings, applied live: language, direction and theme. */
export function useSettings(): SettingsContextValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings() needs a <SettingsProvider> above it.');
  return value;
}
