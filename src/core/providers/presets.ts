// The addresses and variable names are shared with the Providers page.
export { KEY_VARIABLES, LOCAL_PRESETS, PRESET_BASE_URLS } from '../../shared/provider-presets';

export function keyFrom(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
