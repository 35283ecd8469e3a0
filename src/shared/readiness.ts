import { z } from 'zod';

/** What Settings → Readiness lists: each capability a feature of Aura needs from this machine. */
export const CapabilityId = z.enum(['sandbox', 'chromium', 'display', 'localModel']);
export type CapabilityId = z.infer<typeof CapabilityId>;

export const Capability = z.object({
  id: CapabilityId,
  /** `limited`: it works, with a weakness `detail` names (no process limit, file tools outside the sandbox). */
  state: z.enum(['ready', 'limited', 'missing']),
  /** Where it was found, or why it is missing, in the host's words (paths, versions, the self-test's error). */
  detail: z.string(),
  /** The exact thing to do when it is missing or limited: a command to run, or a setting to change. */
  fix: z.string().nullable(),
  /** A program or folder the check found (a browser's path, a display socket); null when none. */
  path: z.string().nullable(),
});
export type Capability = z.infer<typeof Capability>;

export const Readiness = z.object({ capabilities: z.array(Capability), checkedAt: z.string() });
export type Readiness = z.infer<typeof Readiness>;
