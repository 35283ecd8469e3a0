import type { PermissionProfileDoc } from '../shared/permissions';
import type { ToolCallRecord } from '../shared/tasks';

// Types only: nothing here loads zod or the contract at run time.

type Printer = (result: never, out: (line: string) => void) => number | void;

const risksText = (profile: PermissionProfileDoc) => (Object.entries(profile.risks) as [string, string][]).map(([risk, decision]) => `${risk} ${decision}`).join(', ');
const quoted = (name: string) => (name.includes(' ') ? JSON.stringify(name) : name);

function profileText(profile: PermissionProfileDoc): string {
  return [
    `${profile.name} (${profile.id})${profile.builtin ? ', built in: copy it to change it' : ''}`,
    `  Defaults: ${risksText(profile)}`,
    ...(profile.tools.length ? ['  Tool rules:', ...profile.tools.map((rule) => `    ${rule.tool.padEnd(32)} ${rule.decision}`)] : ['  Tool rules: none']),
    ...(profile.paths.length ? ['  Path rules:', ...profile.paths.map((rule) => `    ${rule.path.padEnd(32)} ${rule.access.padEnd(6)} ${rule.decision}`)] : ['  Path rules: none']),
  ].join('\n');
}

/** How permission profiles and approval answers read on a terminal. */
export const PROFILE_PRINTERS: Record<string, Printer> = {
  'profiles.list': ({ active, profiles }: { active: string; profiles: PermissionProfileDoc[] }, out) =>
    out(profiles.map((profile) => `${profile.id === active ? '*' : ' '} ${profile.id.padEnd(28)} ${profile.name.padEnd(28)} ${profile.builtin ? 'built in' : `${profile.tools.length + profile.paths.length} rules`}  ${risksText(profile)}`).join('\n') + '\n(* new tasks get this one; change it: aura profiles use NAME)'),
  'profiles.show': (profile: PermissionProfileDoc, out) => out(profileText(profile)),
  'profiles.use': ({ active }: { active: string }, out) => out(`New tasks now run under ${active}.`),
  'profiles.copy': (profile: PermissionProfileDoc, out) => out(`Copied as ${profile.name} (${profile.id}). Edit its rules in Settings → Approvals; use it: aura profiles use ${quoted(profile.id)}`),
  'profiles.remove': ({ removed, message }: { removed: boolean; message?: string }, out) => out([removed ? 'Removed.' : 'Nothing removed.', ...(message ? [message] : [])].join(' ')),
  'approvals.answer': (call: ToolCallRecord, out) => out(`${call.name} (${call.id}): ${call.status}`),
};
