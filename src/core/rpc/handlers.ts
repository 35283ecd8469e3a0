import { AuraError } from '../../shared/errors';
import type { AuraApp } from '../app';
import { detectProviders } from '../providers/detect';
import type { Handlers } from './dispatcher';
import { resolveTaskWorkspace } from './task-workspace';
import { mayStartUnder, mayUseAnyFolder } from '../auth/access';
import { callTool } from './tool-call';
import { computerHandlers } from '../computer/computer-handlers';
import { browserHandlers } from '../browser/browser-handlers';
import { mcpHandlers } from '../mcp/mcp-handlers';
import { vaultHandlers } from '../vault/vault-handlers';
import { accountHandlers } from '../providers/account-handlers';
import { PRESET_BASE_URLS } from '../providers/presets';
import { sendPage } from './page-task';
import { profilesHandlers } from '../permissions/profiles-handlers';
import { basename } from 'node:path';

/** Maps each procedure of the contract onto the service that answers it. */
export function createHandlers(app: AuraApp): Handlers {
  return {
    'app.info': () => ({ name: 'Aura Work', version: app.version, host: app.diagnostics.host }),
    'host.info': () => app.host.info(),
    'host.stop': () => ({ stopping: app.host.stop() }),
    'settings.getAll': () => app.settings.getAll(),
    'settings.get': ({ key }) => ({ key, value: app.settings.getAll()[key] }),
    'settings.set': (change, ctx) => app.settings.set(change, ctx.actor),
    'workspaces.list': () => app.workspaces.list(),
    'workspaces.add': ({ name, path }, ctx) => app.workspaces.add(name ?? basename(path) ?? path, path, ctx.actor),
    'workspaces.remove': ({ id }, ctx) => ({ removed: app.workspaces.remove(id, ctx.actor) }),
    'audit.list': (query) => ({ ...app.audit.list(query), page: query.page, pageSize: query.pageSize }),
    'audit.actions': () => app.audit.actions(),
    'audit.verify': () => app.auditCheckpoints.verify(app.audit.verify()),
    'diagnostics.get': () => app.diagnostics.get(),
    'backup.create': ({ path }, ctx) => app.backup(path, ctx.actor),
    'tasks.create': ({ goal, workspaceId, workspacePath, profile, model }, ctx) => {
      // A bare folder path is for the CLI, run by the user in a terminal; the window and the HTTP API (whose
      // token the page holds) only work in folders the user added as workspaces.
      if (workspacePath !== undefined && !mayUseAnyFolder(ctx.principal)) throw new AuraError('FORBIDDEN', 'Tasks started from the window run in one of your workspaces.', 'Add the folder as a workspace on the Dashboard first.');
      const workspace = resolveTaskWorkspace(app, workspaceId, workspacePath);
      const activeId = app.profiles.activeId();
      const profileId = profile !== undefined ? app.profiles.resolve(profile).id : activeId;
      if (!mayStartUnder(ctx.principal, profileId, activeId)) {
        throw new AuraError('FORBIDDEN', `A paired client cannot start a task under the profile "${profileId}".`, 'Leave the profile out to use the one active in Aura Work, or pick read-only, ask or auto-edit.');
      }
      const task = app.tasks.create({ goal, workspacePath: workspace, profile: profileId, ...(model ? { model } : {}) }, ctx.actor);
      return app.agent.start(task.id);
    },
    'tasks.list': (filter) => app.tasks.list(filter),
    'tasks.get': ({ id, limit }) => app.history.overview(id, limit),
    'tasks.history': ({ id, before, limit }) => app.history.history(id, before, limit),
    'tasks.toolCallOutput': ({ id }) => app.history.toolCallOutput(id),
    'tasks.cancel': ({ id }) => app.agent.cancel(id),
    'tasks.resume': ({ id }) => app.agent.resume(id),
    'approvals.list': () => app.tasks.waitingApprovals(),
    'approvals.answer': (answer, ctx) => app.agent.answerApproval(answer, ctx.actor),
    'approvals.preview': ({ toolCallId }) => app.agent.approvalPreview(toolCallId),
    'tools.list': () => app.tools.list(),
    'tools.call': (request, ctx) => callTool(app, request, ctx),
    'vm.status': () => app.vm.status(),
    'readiness.get': ({ refresh }) => app.readiness.get(refresh),
    'terminal.open': ({ workspaceId, cols, rows }, ctx) => app.terminals.open(workspaceId, cols, rows, ctx.actor),
    'terminal.write': ({ sessionId, data }) => app.terminals.write(sessionId, data),
    'terminal.resize': ({ sessionId, cols, rows }) => app.terminals.resize(sessionId, cols, rows),
    'terminal.close': ({ sessionId }, ctx) => app.terminals.close(sessionId, ctx.actor),
    'providers.detect': ({ urls }) => detectProviders(app.env, PRESET_BASE_URLS, 800, urls ?? []),
    'usage.summary': () => app.tasks.usageSummary(),
    ...computerHandlers(app.computer),
    ...browserHandlers(app.browser),
    ...mcpHandlers(app),
    ...vaultHandlers(app.vault),
    ...profilesHandlers(app.profiles),
    ...accountHandlers(app),
    'bridge.status': () => app.bridge.status(),
    'bridge.clients.list': () => app.bridge.listClients(),
    'bridge.tokens.create': ({ name, scopes }, ctx) => app.bridge.createToken(name, scopes, ctx.actor, ctx.afterReply),
    'bridge.clients.revoke': ({ name }, ctx) => ({ revoked: app.bridge.revoke(name, ctx.actor) }),
    'bridge.pairings.list': () => app.bridge.listPairings(),
    'bridge.pairings.approve': ({ code, scopes }, ctx) => app.bridge.approve(code, scopes, ctx.actor),
    'bridge.pairings.deny': ({ code }, ctx) => ({ denied: app.bridge.deny(code, ctx.actor) }),
    'pages.send': (input, ctx) => sendPage(app, input, ctx),
  };
}
