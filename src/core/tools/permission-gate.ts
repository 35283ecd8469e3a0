import type { PermissionProfile, ToolRisk } from '../../shared/tools';

export type GateDecision = 'allow' | 'ask' | 'deny';

const DECISIONS: Record<PermissionProfile, Record<ToolRisk, GateDecision>> = {
  'read-only': { read: 'allow', write: 'deny', execute: 'deny', network: 'deny' },
  ask: { read: 'allow', write: 'ask', execute: 'ask', network: 'ask' },
  'auto-edit': { read: 'allow', write: 'allow', execute: 'ask', network: 'ask' },
  yes: { read: 'allow', write: 'allow', execute: 'allow', network: 'allow' },
};

/**
 * Whether a call of this risk may run under this profile. Workspace confinement is not decided here:
 * every file tool enforces it itself, under every profile, `yes` included.
 */
export function decide(profile: PermissionProfile, risk: ToolRisk): GateDecision {
  return DECISIONS[profile][risk];
}
