// Nothing else here: the preload imports this file alone, so it carries no zod and no contract.

/** The Electron IPC channel names; the preload and the Electron host share them. */
export const IPC_CALL_CHANNEL = 'aura:call';
export const IPC_EVENT_CHANNEL = 'aura:event';

/** The names of the contract's procedures and events, which the build hands the preload. */
export interface ContractNames {
  procedures: readonly string[];
  events: readonly string[];
}
