import { z } from 'zod';
import { ModelRoutes } from './providers';
import { ProfileId } from './permissions';
import { SHELL_LIMITS } from './vm';
import { DisplayName } from './computer';
import { BRIDGE_DEFAULT_PORT } from './bridge';

export const Language = z.enum(['en', 'ar', 'fr']);
export type Language = z.infer<typeof Language>;
export const RTL_LANGUAGES: readonly Language[] = ['ar'];

export const Theme = z.enum(['system', 'light', 'dark', 'high-contrast']);
export type Theme = z.infer<typeof Theme>;

/** A folder given to the sandbox: absolute (POSIX or Windows), no NUL. */
const SandboxFolder = z.string().min(2).max(4096).refine((path) => (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) && !path.includes('\0'), 'must be an absolute path');

/** The schema of each setting: the single source of both validation and defaults. */
export const settingSchemas = {
  language: Language,
  theme: Theme,
  defaultWorkspace: z.string().uuid().nullable(),
  modelRoutes: ModelRoutes,
  /** The permission profile new tasks get (`aura profiles use`). */
  permissionProfile: ProfileId,
  /** Whether shell commands may reach the network (off: only the sandbox's own loopback). */
  vmNetwork: z.enum(['off', 'on']),
  /** The time limit of a shell command that does not give its own. */
  vmTimeoutMs: z.number().int().min(SHELL_LIMITS.minTimeoutMs).max(SHELL_LIMITS.maxTimeoutMs),
  /** Folders besides the workspace that commands may write (a build cache), or only read (a toolchain in ~). */
  vmExtraWritable: z.array(SandboxFolder).max(32),
  vmExtraReadable: z.array(SandboxFolder).max(32),
  /** The Chromium-family browser the browser worker drives; null: the first one Readiness finds. */
  chromiumPath: z.string().min(2).max(4096).refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path), 'must be an absolute path').nullable(),
  /** The X display computer use sees and drives (`:0`, `:99`); null: the DISPLAY Aura Work was started with. */
  computerDisplay: DisplayName.nullable(),
  /** The local bridge (docs/BRIDGE.md) for the browser extension and scripts; the host starts it at launch. */
  bridgeEnabled: z.boolean(),
  /** Its port on 127.0.0.1 (AURA_BRIDGE_PORT overrides it). */
  bridgePort: z.number().int().min(1024).max(65535),
  /** Minutes without a vault operation before the vault locks itself. */
  vaultAutoLockMinutes: z.number().int().min(1).max(1440),
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
  vmNetwork: 'off',
  vmTimeoutMs: SHELL_LIMITS.defaultTimeoutMs,
  vmExtraWritable: [],
  vmExtraReadable: [],
  chromiumPath: null,
  computerDisplay: null,
  bridgeEnabled: true,
  bridgePort: BRIDGE_DEFAULT_PORT,
  vaultAutoLockMinutes: 15,
};

/** One change: the key decides which schema the value must match. */
export const SettingChange = z.discriminatedUnion('key', [
  z.object({ key: z.literal('language'), value: settingSchemas.language }),
  z.object({ key: z.literal('theme'), value: settingSchemas.theme }),
  z.object({ key: z.literal('defaultWorkspace'), value: settingSchemas.defaultWorkspace }),
  z.object({ key: z.literal('modelRoutes'), value: settingSchemas.modelRoutes }),
  z.object({ key: z.literal('permissionProfile'), value: settingSchemas.permissionProfile }),
  z.object({ key: z.literal('vmNetwork'), value: settingSchemas.vmNetwork }),
  z.object({ key: z.literal('vmTimeoutMs'), value: settingSchemas.vmTimeoutMs }),
  z.object({ key: z.literal('vmExtraWritable'), value: settingSchemas.vmExtraWritable }),
  z.object({ key: z.literal('vmExtraReadable'), value: settingSchemas.vmExtraReadable }),
  z.object({ key: z.literal('chromiumPath'), value: settingSchemas.chromiumPath }),
  z.object({ key: z.literal('computerDisplay'), value: settingSchemas.computerDisplay }),
  z.object({ key: z.literal('bridgeEnabled'), value: settingSchemas.bridgeEnabled }),
  z.object({ key: z.literal('bridgePort'), value: settingSchemas.bridgePort }),
  z.object({ key: z.literal('vaultAutoLockMinutes'), value: settingSchemas.vaultAutoLockMinutes }),
]);
export type SettingChange = z.infer<typeof SettingChange>;
