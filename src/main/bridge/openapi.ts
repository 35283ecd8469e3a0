import { OpenAPIRegistry, OpenApiGeneratorV31, zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Scope } from '../../shared/auth';
import { BridgeClient, PageContext, PagesSendInput, PairPollReply, PairRequestInput, PairRequestReply } from '../../shared/bridge';
import { Workspace } from '../../shared/contract';
import { ErrorShape } from '../../shared/errors';
import { TaskOverview, TimelineCursor, TimelinePage, ToolCallOutput, ToolCallPreview } from '../../shared/task-history';
import { CreateTaskInput, ModelCallRecord, ReviewRecord, Task, TaskMessage, TaskStep, ToolCallRecord, Usage } from '../../shared/tasks';
import { CLIENT_TOPICS } from '../../core/auth/event-access';
import type { ContractRoute } from './route-table';

/** Schemas named in the document's components: wherever the contract uses one, the document says $ref. */
const COMPONENTS: Record<string, z.ZodType> = {
  Task,
  TaskStep,
  TaskMessage,
  ToolCallRecord,
  ToolCallPreview,
  ReviewRecord,
  ModelCallRecord,
  Usage,
  TaskOverview,
  TimelinePage,
  TimelineCursor,
  ToolCallOutput,
  Workspace,
  CreateTaskInput,
  PageContext,
  PagesSendInput,
  BridgeClient,
  PairRequestInput,
  PairRequestReply,
  PairPollReply,
  Scope,
  ErrorShape,
};

const ErrorReply = z.object({ ok: z.literal(false), error: ErrorShape });
const ok = (result: z.ZodType) => z.object({ ok: z.literal(true), result });
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const failure = (description: string) => ({ description, content: json(ErrorReply) });

const STANDARD_ERRORS = {
  400: failure('Invalid input or body (INVALID_INPUT, BAD_REQUEST)'),
  401: failure('No token, or an unknown, revoked or expired one (UNAUTHORIZED)'),
  403: failure('A scope is missing, or the Host or Origin is not allowed (FORBIDDEN)'),
  429: failure('Too many requests for this token (RATE_LIMITED); see Retry-After'),
};

const pick = (input: z.ZodObject, keys: readonly string[], keep: boolean) => {
  // The schema itself when nothing is left out, so a named one (CreateTaskInput) stays a $ref.
  if (!keep && !keys.length) return input;
  const mask = Object.fromEntries(keys.map((key) => [key, true] as const)) as Record<string, true> & Record<number, never>;
  return keep ? input.pick(mask) : input.omit(mask);
};

/**
 * The OpenAPI 3.1 document of the bridge (GET /v1/openapi.json), generated from the contract's zod schemas:
 * every procedure with an `http` route, plus pairing, the event stream and this document itself.
 */
export function bridgeOpenApi(routes: readonly ContractRoute[], version: string, baseUrl: string): object {
  // The library's own registry, keyed by schema instance: no zod prototype is patched, nothing is cloned.
  for (const [name, schema] of Object.entries(COMPONENTS)) zodToOpenAPIRegistry.add(schema, { _internal: { refId: name } } as never);
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'aura_<43 base64url characters>' });

  for (const route of routes) {
    const rest = pick(route.input, route.pathParams, false);
    const hasRest = Object.keys(rest.shape).length > 0;
    const scope = route.access === 'any' ? 'any paired client' : `scope ${route.access}`;
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'delete',
      path: route.path.replace(/:([A-Za-z]\w*)/g, '{$1}'),
      operationId: route.procedure,
      summary: route.summary,
      description: `Procedure \`${route.procedure}\`; needs ${scope}.${route.method === 'GET' ? '' : ' Audited as bridge.call.'}`,
      tags: [route.path.split('/')[1] ?? 'app'],
      security: [{ [bearer.name]: [] }],
      'x-aura-access': route.access,
      request: {
        ...(route.pathParams.length ? { params: pick(route.input, route.pathParams, true) } : {}),
        ...(route.method === 'GET' && hasRest ? { query: rest } : {}),
        ...(route.method !== 'GET' && hasRest ? { body: { required: !rest.safeParse({}).success, content: json(rest) } } : {}),
      },
      responses: { 200: { description: 'The result', content: json(ok(route.output)) }, ...STANDARD_ERRORS, 404: failure('No such route or record (NOT_FOUND)') },
    });
  }

  registry.registerPath({
    method: 'post',
    path: '/pair',
    operationId: 'pair.request',
    summary: 'Ask to pair: the user sees the name, scopes and code in the app and approves or denies',
    description: 'No token. Rate-limited per address (5 a minute, 20 an hour). The Origin is recorded: the token will work only from it (or from no Origin).',
    tags: ['pairing'],
    request: { body: { required: true, content: json(PairRequestInput) } },
    responses: { 200: { description: 'The request: show `code` to the user; poll with `pollSecret`', content: json(ok(PairRequestReply)) }, 400: STANDARD_ERRORS[400], 403: STANDARD_ERRORS[403], 429: failure('Too many pairing requests (RATE_LIMITED)') },
  });
  registry.registerPath({
    method: 'get',
    path: '/pair/{requestId}',
    operationId: 'pair.poll',
    summary: 'The pairing request\'s status; the token exactly once, on the first poll after approval',
    tags: ['pairing'],
    request: { params: z.object({ requestId: z.string().uuid() }), headers: z.object({ 'x-pair-secret': z.string() }) },
    responses: { 200: { description: 'Status (and the token, once)', content: json(ok(PairPollReply)) }, 401: failure('Wrong or missing X-Pair-Secret'), 404: failure('No such request (or forgotten, 10 minutes after it settled)'), 429: STANDARD_ERRORS[429] },
  });
  registry.registerPath({
    method: 'get',
    path: '/events',
    operationId: 'events',
    summary: 'Server-Sent Events: `event:` is the topic, `data:` its JSON payload; a comment every 15 s keeps it open',
    description: `Topics: ${CLIENT_TOPICS.join(', ')}. task.* and workspaces.changed need tasks:read; a task.toolCall waiting for approval needs approvals. Without \`topics\`, every topic the token may see.`,
    tags: ['events'],
    security: [{ [bearer.name]: [] }],
    request: { query: z.object({ topics: z.string().optional().describe('Comma-separated topics') }) },
    responses: { 200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...STANDARD_ERRORS },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document',
    tags: ['app'],
    responses: { 200: { description: 'OpenAPI 3.1', content: json(z.object({}).loose()) } },
  });

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Aura Work bridge', version, description: 'The local API of Aura Work for the browser extension and scripts. See docs/BRIDGE.md.' },
    servers: [{ url: baseUrl }],
  });
  return jsonParameters(document);
}

/** Query parameters whose value is an object (a timeline cursor) are sent as JSON text: say so, as OpenAPI allows. */
function jsonParameters<T extends { paths?: object }>(document: T): T {
  for (const item of Object.values(document.paths ?? {}) as Record<string, { parameters?: Record<string, unknown>[] }>[]) {
    for (const operation of Object.values(item)) {
      for (const parameter of operation.parameters ?? []) {
        const schema = parameter.schema as { type?: unknown; $ref?: unknown } | undefined;
        if (parameter.in === 'query' && schema && (schema.$ref !== undefined || schema.type === 'object' || schema.type === 'array')) {
          delete parameter.schema;
          parameter.content = { 'application/json': { schema } };
        }
      }
    }
  }
  return document;
}
