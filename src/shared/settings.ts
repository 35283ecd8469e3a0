import { z } from 'zod';
import { ModelRoutes } from './providers';
import { PermissionProfile } from './tools';

export const Language = z.enum(['en', 'ar', 'fr']);
export type Language = z.infer<typeof Language>;
export const RTL_LANGUAGES: readonly Language[] = ['ar'];

export const Theme = z.enum(['system', 'light', 'dark', 'high-contrast']);
export type Theme = z.infer<typeof Theme>;

/** The schema of each setting: the single source of both validation and defaults. */
export const settingSchemas = {
  language: Language,
  theme: Theme,
  defaultWorkspace: z.string().uuid().nullable(),
  modelRoutes: ModelRoutes,
  permissionProfile: PermissionProfile,
} as const;

export type SettingKey = keyof typeof settingSchemas;
export const SettingKey = z.enum(Object.keys(settingSchemas) as [SettingKey, ...SettingKey[]]);

export const Settings = z.object(settingSchemas);
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'en',
  theme: 'system',
  defaultWorkspace: null,
  modelRoutes: { planner: [], executor: [], reviewer: [] },
  permissionProfile: 'ask',
};

/** One change: the key decides which schema the value must match. */
export const SettingChange = z.discriminatedUnion('key', [
  z.object({ key: z.literal('language'), value: settingSchemas.language }),
  z.object({ key: z.literal('theme'), value: settingSchemas.theme }),
  z.object({ key: z.literal('defaultWorkspace'), value: settingSchemas.defaultWorkspace }),
  z.object({ key: z.literal('modelRoutes'), value: settingSchemas.modelRoutes }),
  z.object({ key: z.literal('permissionProfile'), value: settingSchemas.permissionProfile }),
]);
export type SettingChange = z.infer<typeof SettingChange>;
