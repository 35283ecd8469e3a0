import type { Scope } from './auth';

/** The key of each scope in the catalogues (`bridgeScopes.<key>.label|help`): i18next reads `:` as a namespace. */
export const SCOPE_LABEL_KEYS = {
  'tasks:read': 'tasksRead',
  'tasks:write': 'tasksWrite',
  approvals: 'approvals',
  'pages:send': 'pagesSend',
} as const satisfies Record<Scope, string>;
