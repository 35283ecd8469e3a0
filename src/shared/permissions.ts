import { z } from 'zod';
import type { ProcedureMeta } from './contract';
import { ElementTarget } from './browser';
import { InputAction } from './computer';
import { ToolRisk } from './tools';

/**
 * Permission profiles: what the agent may do without asking. A profile decides each tool call by, in order,
 * its path rules (file tools), its tool rules, then its default per risk; the strictest of the matching
 * path and tool rules wins (deny > ask > allow). Four profiles are built in and cannot change; users copy
 * and edit them. Decided in one place: core/permissions/permission-gate.ts.
 */

export const Decision = z.enum(['allow', 'ask', 'deny']);
export type Decision = z.infer<typeof Decision>;

/** The built-in profiles' ids (the ids tasks and settings held before profiles were named). */
export const BUILTIN_PROFILE_IDS = ['read-only', 'ask', 'auto-edit', 'yes'] as const;
export type BuiltinProfileId = (typeof BUILTIN_PROFILE_IDS)[number];

/** A profile's id: a built-in one, or a custom profile's generated id. */
export const ProfileId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use a profile id such as "ask" or one shown by `aura profiles list`');
export type ProfileId = z.infer<typeof ProfileId>;

/**
 * A tool rule: `tool` is a tool's exact name (`write`, `mcp__files__read_file`) or a prefix ending in `*`
 * (`browser_*`, `mcp__files__*`, `*`).
 */
export const ToolRule = z
  .object({
    tool: z.string().trim().regex(/^(\*|[A-Za-z0-9_.-]{1,200}\*?)$/, 'use a tool name, or a prefix ending in * (browser_*)'),
    decision: Decision,
  })
  .strict();
export type ToolRule = z.infer<typeof ToolRule>;

/**
 * A path rule, for the tools that touch files: `path` is a glob relative to the workspace (`src/**`,
 * `**\/.env`, `*.md`); `access` says whether it governs reads, writes or both.
 */
export const PathRule = z
  .object({
    path: z.string().trim().min(1).max(500).refine((glob) => !glob.includes('\0') && !glob.split('/').includes('..'), 'a path rule stays inside the workspace: no ".."'),
    access: z.enum(['read', 'write', 'any']),
    decision: Decision,
  })
  .strict();
export type PathRule = z.infer<typeof PathRule>;

export const ProfileName = z.string().trim().min(1, 'give the profile a name').max(80);

export const PermissionProfileDoc = z
  .object({
    id: ProfileId,
    name: ProfileName,
    builtin: z.boolean(),
    /** What a call of each risk gets when no rule matches. */
    risks: z.object({ read: Decision, write: Decision, execute: Decision, network: Decision }).strict(),
    tools: z.array(ToolRule).max(200),
    paths: z.array(PathRule).max(200),
  })
  .strict();
export type PermissionProfileDoc = z.infer<typeof PermissionProfileDoc>;

/** What the user edits: a custom profile without its id and built-in flag. */
export const ProfileDraft = PermissionProfileDoc.omit({ id: true, builtin: true });
export type ProfileDraft = z.infer<typeof ProfileDraft>;

export const RISKS = ToolRisk.options;

/**
 * The user's answer to a waiting tool call: run it once; run it and every later call of this tool in this
 * task; run it and add an allow rule for the tool to the task's profile; or refuse, with a note the agent
 * reads.
 */
export const ApprovalDecision = z.enum(['once', 'task', 'always', 'deny']);
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

export const ApprovalAnswer = z
  .object({
    toolCallId: z.string().uuid(),
    decision: ApprovalDecision,
    /** With `deny`: why, or what to do instead; the agent is told. */
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type ApprovalAnswer = z.infer<typeof ApprovalAnswer>;

/** The most a file preview carries of each side; a longer file is cut and says so. */
export const PREVIEW_TEXT_CHARS = 512 * 1024;

/**
 * Exactly what a waiting call would do, prepared before the question shows: a file write as its text
 * before and after (a diff), a command in full, a URL, a screenshot with the target marked.
 */
/** What a browser call would do on its page; the prompt words it in the user's language. */
export const BrowserStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }),
  z.object({ kind: z.literal('click'), target: ElementTarget }),
  z.object({ kind: z.literal('type'), target: ElementTarget, text: z.string(), submit: z.boolean() }),
  z.object({ kind: z.literal('choose'), target: ElementTarget, options: z.array(z.string()) }),
]);
export type BrowserStep = z.infer<typeof BrowserStep>;

export const ApprovalPreview = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('file'),
    path: z.string(),
    /** null: the file does not exist yet. */
    before: z.string().nullable(),
    after: z.string(),
    truncated: z.boolean(),
  }),
  z.object({ kind: z.literal('command'), command: z.string(), cwd: z.string().nullable(), network: z.boolean() }),
  z.object({ kind: z.literal('url'), url: z.string(), action: BrowserStep }),
  z.object({ kind: z.literal('screenshot'), action: InputAction }),
  z.object({ kind: z.literal('none') }),
]);
export type ApprovalPreview = z.infer<typeof ApprovalPreview>;

const profileProcedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string, cli: ProcedureMeta['cli']) => ({ input, output, summary, access: 'owner' as const, cli });
const ProfileRef = z.object({ profile: z.string().trim().min(1).max(80) }).strict();

/** The profiles' procedures, spread into the contract's table (`profile`: a profile's id or name). */
export const PROFILE_PROCEDURES = {
  'profiles.list': profileProcedure(z.object({}).strict(), z.object({ active: ProfileId, profiles: z.array(PermissionProfileDoc) }), 'Permission profiles, and which one new tasks get', { name: 'profiles list' }),
  'profiles.show': profileProcedure(ProfileRef, PermissionProfileDoc, 'One profile\'s defaults and rules', { name: 'profiles show', args: ['profile'] }),
  'profiles.use': profileProcedure(ProfileRef, z.object({ active: ProfileId }), 'Make a profile the one new tasks get', { name: 'profiles use', args: ['profile'] }),
  'profiles.copy': profileProcedure(z.object({ profile: z.string().trim().min(1).max(80), name: ProfileName }).strict(), PermissionProfileDoc, 'Copy a profile under a new name, to edit', { name: 'profiles copy', args: ['profile', 'name'] }),
  'profiles.save': profileProcedure(z.object({ id: ProfileId, draft: ProfileDraft }).strict(), PermissionProfileDoc, 'Change a custom profile (built-in ones are copied first)', false),
  'profiles.remove': profileProcedure(ProfileRef, z.object({ removed: z.boolean(), /** What changed besides (the active profile went back to `ask`). */ message: z.string().optional() }), 'Delete a custom profile', { name: 'profiles rm', args: ['profile'] }),
} as const;

/** Approvals: what a waiting call would do, for the prompt. */
export const APPROVAL_PREVIEW_PROCEDURE = {
  'approvals.preview': { input: z.object({ toolCallId: z.string().uuid() }).strict(), output: ApprovalPreview, summary: 'What a waiting tool call would do (a diff, a command, a URL)', access: 'approvals' as const, cli: false as const, http: { method: 'GET' as const, path: '/approvals/:toolCallId/preview' } },
} as const;
