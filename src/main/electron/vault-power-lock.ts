import type { PowerMonitor } from 'electron';
import type { Vault } from '../../core/vault/vault';

/** Locks the vault when the machine sleeps or the screen locks (SECURITY.md: auto-lock on idle/sleep). */
export function setupVaultPowerLock(power: Pick<PowerMonitor, 'on' | 'off'>, vault: Pick<Vault, 'lock' | 'unlocked'>): () => void {
  const onSuspend = () => {
    if (vault.unlocked) vault.lock('system', 'sleep');
  };
  const onScreenLock = () => {
    if (vault.unlocked) vault.lock('system', 'screen-lock');
  };
  power.on('suspend', onSuspend);
  power.on('lock-screen', onScreenLock);
  return () => {
    power.off('suspend', onSuspend);
    power.off('lock-screen', onScreenLock);
  };
}
