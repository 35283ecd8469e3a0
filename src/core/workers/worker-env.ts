import { AuraError } from '../../shared/errors';
import { isSecretName, redactSecrets } from '../secrets/secret-values';

/**
 * SECURITY: the only variables of the host's environment a worker sees. An allowlist, not a blocklist:
 * where programs and the user's files are, who the user is, how text is written and shown. Keys,
 * tokens, NODE_OPTIONS, ELECTRON_* and anything else stay in the host.
 */
const ALLOWED = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'TEMP', 'TMP',
  'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME',
  // Windows: without these a process cannot find its system folders or run its tools.
  'SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT', 'SYSTEMDRIVE', 'USERPROFILE', 'USERNAME', 'APPDATA', 'LOCALAPPDATA', 'PROGRAMDATA',
]);
const ALLOWED_PREFIX = /^LC_/;

/**
 * A worker's whole environment: the allowed variables of `host`, plus `extras` the caller names on
 * purpose (a library folder, a workspace). Never a key: an allowed variable whose value is a known
 * secret stays behind, and an extra named like a secret, or holding one, is refused.
 */
export function workerEnv(host: NodeJS.ProcessEnv, extras: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(host)) {
    const upper = name.toUpperCase();
    if (value === undefined || !(ALLOWED.has(upper) || ALLOWED_PREFIX.test(upper))) continue;
    if (redactSecrets(value) !== value) continue;
    env[name] = value;
  }
  for (const [name, value] of Object.entries(extras)) {
    if (isSecretName(name) || redactSecrets(value) !== value) {
      throw new AuraError('INTERNAL', `A worker was to be given ${name}, which holds a secret; workers never get keys.`);
    }
    env[name] = value;
  }
  return env;
}
