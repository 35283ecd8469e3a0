import type { AuraApp } from '../../core/app';
import { startBridge, type Bridge } from '../bridge/bridge-server';
import { parsePort } from './ports';

export const DEFAULT_BRIDGE_PORT = 47826;

/**
 * Starts the bridge for a host when Settings → Extension has it on (`AURA_BRIDGE_PORT` overrides the port).
 * A bridge that cannot start (its port taken) is logged and said, and the host runs on without it.
 */
export async function startHostBridge(app: AuraApp, env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<Bridge | null> {
  const settings = app.settings.getAll();
  if (!settings.bridgeEnabled) return null;
  const port = parsePort(env.AURA_BRIDGE_PORT, 'AURA_BRIDGE_PORT', settings.bridgePort ?? DEFAULT_BRIDGE_PORT);
  try {
    return await startBridge({ app, port });
  } catch (err) {
    const inUse = (err as { code?: string }).code === 'EADDRINUSE';
    app.logger.warn('bridge not started', { port, error: err instanceof Error ? err.message : String(err) });
    say(inUse ? `The bridge could not start: port ${port} is in use. Choose another in Settings → Extension, or set AURA_BRIDGE_PORT.` : `The bridge could not start: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
