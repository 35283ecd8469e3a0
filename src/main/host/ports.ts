import { AuraError } from '../../shared/errors';

/** A port from the environment (`AURA_PORT`, `AURA_BRIDGE_PORT`); 0 asks the OS for a free one (tests use it). */
export function parsePort(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new AuraError('INVALID_INPUT', `${name}="${value}" is not a port number.`, `Use a whole number from 1024 to 65535, or unset ${name} for ${fallback}.`);
  }
  return port;
}
