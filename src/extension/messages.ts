import { z } from 'zod';
import { Scope } from '../shared/auth';
import { BRIDGE_DEFAULT_PORT, PAGE_SELECTION_MAX, PAGE_TEXT_MAX, PagesSendInput } from '../shared/bridge';
import { StepStatus, TaskStatus } from '../shared/task-states';
import { ToolRisk } from '../shared/tools';
import { FailureReason } from './pairing';

/**
 * Every message between the popup, the service worker and the content script, as zod schemas. Each side
 * parses what it receives: a page cannot reach these channels, but a stale popup talking to an updated
 * worker (or a bug) must end in a clear error, not in undefined behaviour.
 */

export const DEFAULT_PORT = BRIDGE_DEFAULT_PORT;
export const Port = z.number().int().min(1).max(65535);

/** The most page text, selected text and instruction the bridge takes (pages.send). */
export const MAX_PAGE_TEXT = PAGE_TEXT_MAX;
export const MAX_SELECTION = PAGE_SELECTION_MAX;
export const MAX_INSTRUCTION = PagesSendInput.shape.instruction.unwrap().maxLength ?? 8000;

export const SendMode = z.enum(['page', 'selection']);
export type SendMode = z.infer<typeof SendMode>;

const Uuid = z.string().uuid();

/** What the popup asks the service worker, over its port. */
export const PopupCommand = z.discriminatedUnion('type', [
  /** The popup opened: send the view, check the app is there. */
  z.object({ type: z.literal('hello') }).strict(),
  z.object({ type: z.literal('port.set'), port: Port }).strict(),
  z.object({ type: z.literal('pair.start') }).strict(),
  /** Leave a pairing request, a failure, or the pairing itself (forgets the token). */
  z.object({ type: z.literal('pair.cancel') }).strict(),
  z.object({ type: z.literal('page.send'), tabId: z.number().int().nonnegative(), mode: SendMode, instruction: z.string().trim().max(MAX_INSTRUCTION) }).strict(),
  z.object({ type: z.literal('task.refresh') }).strict(),
  z.object({ type: z.literal('task.forget') }).strict(),
  /** The popup answers a waiting call once, or refuses it (the richer answers are the app's). */
  z.object({ type: z.literal('approval.answer'), toolCallId: Uuid, decision: z.enum(['once', 'deny']) }).strict(),
]);
export type PopupCommand = z.infer<typeof PopupCommand>;

/** Why something did not work, said so the popup can tell the user what to do next. */
export const ProblemKind = z.enum([
  /** Nothing answers on the port: the app is not running, or runs with another port. */
  'unreachable',
  /** Something answers, but not the bridge. */
  'not-aura',
  /** The token was refused: revoked in the app. */
  'unauthorized',
  /** The token lacks the scope, or the app refused this extension's origin. */
  'forbidden',
  /** The app refused the request; its message and hint say why. */
  'rejected',
  /** The browser does not let extensions read this page (chrome://, the Web Store, a PDF viewer…). */
  'page-unreadable',
  'empty-selection',
  'no-content',
  'no-tab',
  'internal',
]);
export type ProblemKind = z.infer<typeof ProblemKind>;

export const Problem = z
  .object({ kind: ProblemKind, code: z.string().max(64).optional(), message: z.string().max(2000).optional(), hint: z.string().max(2000).optional() })
  .strict();
export type Problem = z.infer<typeof Problem>;

const PairingView = z.discriminatedUnion('status', [
  z.object({ status: z.enum(['unpaired', 'requesting']) }).strict(),
  z.object({ status: z.literal('waiting'), code: z.string(), expiresAt: z.string() }).strict(),
  z.object({ status: z.literal('paired'), scopes: z.array(Scope) }).strict(),
  z.object({ status: z.literal('failed'), reason: FailureReason, message: z.string().optional(), hint: z.string().optional() }).strict(),
]);

export const TaskSummary = z
  .object({
    id: Uuid,
    goal: z.string(),
    status: TaskStatus,
    error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).nullable(),
    steps: z.array(z.object({ title: z.string(), status: StepStatus }).strict()),
  })
  .strict();
export type TaskSummary = z.infer<typeof TaskSummary>;

export const ApprovalSummary = z.object({ id: Uuid, name: z.string(), risk: ToolRisk.nullable(), input: z.string() }).strict();
export type ApprovalSummary = z.infer<typeof ApprovalSummary>;

/** Everything the popup shows; the worker sends a new one after each change. Holds no secret. */
export const PopupView = z
  .object({
    port: Port,
    pairing: PairingView,
    /** Whether the last call reached the app: null until one was made. */
    reachable: z.boolean().nullable(),
    sending: z.boolean(),
    problem: Problem.nullable(),
    task: TaskSummary.nullable(),
    approvals: z.array(ApprovalSummary),
    /** Approvals whose answer is on its way. */
    answering: z.array(Uuid),
  })
  .strict();
export type PopupView = z.infer<typeof PopupView>;

export const WorkerMessage = z.object({ type: z.literal('view'), view: PopupView }).strict();
export type WorkerMessage = z.infer<typeof WorkerMessage>;

/** The service worker asks the content script it just injected for the page. */
export const ContentRequest = z.object({ type: z.literal('aura.extract'), mode: SendMode }).strict();
export type ContentRequest = z.infer<typeof ContentRequest>;

export const ContentReply = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('aura.extracted'),
      url: z.string().min(1).max(8192),
      title: z.string().max(1000),
      text: z.string().min(1).max(MAX_PAGE_TEXT),
      selection: z.string().min(1).max(MAX_SELECTION).optional(),
    })
    .strict(),
  z.object({ type: z.literal('aura.extractFailed'), reason: z.enum(['empty-selection', 'no-content']) }).strict(),
]);
export type ContentReply = z.infer<typeof ContentReply>;

/** The name the popup's port is opened with; the worker accepts no other. */
export const POPUP_PORT_NAME = 'aura-popup';
