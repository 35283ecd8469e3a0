import type { AuraApp } from '../app';
import type { Handlers } from './dispatcher';

/** Maps each procedure of the contract onto the service that answers it. */
export function createHandlers(app: AuraApp): Handlers {
  return {
    'app.info': () => ({ name: 'Aura Work', version: app.version, host: app.diagnostics.host }),
    'settings.getAll': () => app.settings.getAll(),
    'settings.set': (change, ctx) => app.settings.set(change, ctx.actor),
    'workspaces.list': () => app.workspaces.list(),
    'workspaces.add': ({ name, path }, ctx) => app.workspaces.add(name, path, ctx.actor),
    'workspaces.remove': ({ id }, ctx) => ({ removed: app.workspaces.remove(id, ctx.actor) }),
    'audit.list': (query) => ({ ...app.audit.list(query), page: query.page, pageSize: query.pageSize }),
    'audit.actions': () => app.audit.actions(),
    'audit.verify': () => app.audit.verify(),
    'diagnostics.get': () => app.diagnostics.get(),
  };
}
