import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { TaskOverview } from '../../shared/task-history';
import type { Task, ToolCallRecord } from '../../shared/tasks';
import { ApprovalDecision } from '../../shared/permissions';

/** One call of the contract, as the host answers it (over the local socket, or the bridge's dispatcher). */
export type AuraCall = (method: string, input: unknown) => Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string; hint?: string | undefined } }>;

export interface AuraMcpServerOptions {
  call: AuraCall;
  version: string;
  /** Whether the caller may call this procedure (a bridge client's scopes); tools it may not use are not offered. */
  may(procedure: string): boolean;
  /**
   * Where a task runs when the client names no workspace: the folder `aura mcp serve` was started in (the
   * owner at a terminal may name any folder); for a bridge client, null: its workspaces only.
   */
  folder: string | null;
}

/** Characters of a task's last words `get_task` returns. */
const RESULT_CHARS = 8_000;

const text = (value: unknown): CallToolResult => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value as Record<string, unknown> });
const failure = (error: { code: string; message: string; hint?: string | undefined }): CallToolResult => ({ isError: true, content: [{ type: 'text', text: `${error.message}${error.hint ? `\nHint: ${error.hint}` : ''} [${error.code}]` }] });

const taskLine = (task: Task) => ({ id: task.id, goal: task.goal, status: task.status, workspace: task.workspacePath, createdAt: task.createdAt, updatedAt: task.updatedAt, error: task.error, costUsd: task.usage.costUsd });
const approvalLine = (call: ToolCallRecord) => ({ toolCallId: call.id, taskId: call.taskId, tool: call.name, risk: call.risk, input: JSON.stringify(call.input ?? null).slice(0, 2000) });

/** A task as another agent needs it: its state, its plan, and its last words (the result when it is done). */
function taskSummary(overview: TaskOverview) {
  const words = [...overview.messages].reverse().find((message) => message.role === 'executor' || message.role === 'reviewer' || message.role === 'system');
  const waiting = overview.toolCalls.filter((call) => call.status === 'waiting_approval');
  return {
    task: taskLine(overview.task),
    steps: overview.steps.map((step) => ({ index: step.index + 1, title: step.title, status: step.status })),
    result: words ? words.content.slice(0, RESULT_CHARS) : null,
    reviews: overview.reviews.map((review) => ({ round: review.round, verdict: review.verdict, reasons: review.reasons })),
    waitingApprovals: waiting.map(approvalLine),
  };
}

/**
 * Aura Work as an MCP server (`aura mcp serve` over stdio, /v1/mcp on the bridge): tools to start a task,
 * read its status and result, list tasks, list and answer approvals, and cancel a task. Each tool is one or
 * two calls of the contract, made as the caller (the owner at a terminal, or a paired client with its
 * scopes), so the host checks every one as it checks any other. A task's profile can be chosen up to
 * `auto-edit`: an agent driving Aura cannot switch its approvals off.
 */
export function createAuraMcpServer({ call, version, may, folder }: AuraMcpServerOptions): McpServer {
  const server = new McpServer({ name: 'aura-work', title: 'Aura Work', version }, { instructions: 'Aura Work runs tasks for the user in their workspaces: start one with start_task, follow it with get_task, and answer the tool calls it asks about with answer_approval (only when the user said so).' });
  const run = async (method: string, input: unknown, shape: (result: never) => unknown): Promise<CallToolResult> => {
    const reply = await call(method, input);
    return reply.ok ? text(shape(reply.result as never)) : failure(reply.error);
  };

  if (may('tasks.create')) {
    server.registerTool(
      'start_task',
      {
        title: 'Start an Aura Work task',
        description: `Start a task: Aura Work plans it, runs it with its tools in a workspace, and reviews it. Returns the task's id; follow it with get_task.${folder ? ' Without a workspace it runs in the folder the server was started in.' : ' Without a workspace it runs in the default one.'}`,
        inputSchema: {
          goal: z.string().min(1).max(8000).describe('What to do, in plain words'),
          workspace_id: z.string().uuid().optional().describe('One of the user’s workspaces (see the workspaces in Aura Work)'),
          ...(folder ? { workspace_path: z.string().min(1).max(4096).optional().describe('A folder to work in instead') } : {}),
          profile: z.enum(['read-only', 'ask', 'auto-edit']).optional().describe('What the task may do without asking: read-only, ask (before every change), auto-edit (file edits allowed); by default the user’s setting'),
        },
        annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
      },
      async (args: Record<string, unknown>) => {
        const input = {
          goal: args.goal,
          ...(args.workspace_id ? { workspaceId: args.workspace_id } : !args.workspace_path && folder ? { workspacePath: folder } : {}),
          ...(args.workspace_path ? { workspacePath: args.workspace_path } : {}),
          ...(args.profile ? { profile: args.profile } : {}),
        };
        return run('tasks.create', input, (task: Task) => ({ taskId: task.id, status: task.status, workspace: task.workspacePath }));
      },
    );
  }

  if (may('tasks.get')) {
    server.registerTool(
      'get_task',
      {
        title: 'Read a task',
        description: 'The status of a task, its plan, the tool calls waiting for approval, and its result (its last words) once it has one.',
        inputSchema: { task_id: z.string().uuid() },
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      async (args: Record<string, unknown>) => run('tasks.get', { id: args.task_id, limit: 100 }, taskSummary),
    );
  }

  if (may('tasks.list')) {
    server.registerTool(
      'list_tasks',
      {
        title: 'List tasks',
        description: 'Tasks, newest first; optionally only the active ones, or those whose goal matches a query.',
        inputSchema: {
          active: z.boolean().optional().describe('Only tasks that have not stopped'),
          query: z.string().max(200).optional(),
          page: z.number().int().min(1).max(1000).optional(),
        },
        annotations: { readOnlyHint: true, openWorldHint: false },
      },
      async (args: Record<string, unknown>) =>
        run('tasks.list', { ...(args.active !== undefined ? { active: args.active } : {}), ...(args.query ? { query: args.query } : {}), page: args.page ?? 1, pageSize: 20 }, ({ tasks, total }: { tasks: Task[]; total: number }) => ({ total, tasks: tasks.map(taskLine) })),
    );
  }

  if (may('approvals.list')) {
    server.registerTool(
      'list_approvals',
      { title: 'List approvals', description: 'Tool calls of running tasks that wait for the user’s yes or no.', inputSchema: {}, annotations: { readOnlyHint: true, openWorldHint: false } },
      async () => run('approvals.list', {}, (calls: ToolCallRecord[]) => ({ approvals: calls.map(approvalLine) })),
    );
  }

  if (may('approvals.answer')) {
    server.registerTool(
      'answer_approval',
      {
        title: 'Answer an approval',
        description: 'Answer a tool call that waits for approval, only as the user decided: once (run it), task (and its later calls in this task), always (add an allow rule), deny (refuse; the note tells the agent why).',
        inputSchema: { tool_call_id: z.string().uuid(), decision: ApprovalDecision, note: z.string().max(2000).optional() },
        annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
      },
      async (args: Record<string, unknown>) => run('approvals.answer', { toolCallId: args.tool_call_id, decision: args.decision, ...(args.note ? { note: args.note } : {}) }, (record: ToolCallRecord) => ({ toolCallId: record.id, status: record.status })),
    );
  }

  if (may('tasks.cancel')) {
    server.registerTool(
      'cancel_task',
      { title: 'Cancel a task', description: 'Stop a running task.', inputSchema: { task_id: z.string().uuid() }, annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false } },
      async (args: Record<string, unknown>) => run('tasks.cancel', { id: args.task_id }, (task: Task) => taskLine(task)),
    );
  }
  return server;
}
