import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contractRoutes } from '../../src/main/bridge/route-table';
import { bridgeRequest, openBridge } from '../support/bridge';

type Operation = { operationId?: string; parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }>; requestBody?: unknown; security?: unknown[] };
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

/** The validator is an ES module that reads its schemas from import.meta: it runs in a node of its own. */
function validate(document: unknown): { valid: boolean; version: string; errors: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'aura-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const script = `import { Validator } from ${JSON.stringify(pathToFileURL(require.resolve('@seriousme/openapi-schema-validator')).href)};
      const validator = new Validator();
      const result = await validator.validate(${JSON.stringify(file)});
      process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors ?? null }));`;
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' })) as { valid: boolean; version: string; errors: unknown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the bridge OpenAPI document', () => {
  let fixture: Awaited<ReturnType<typeof openBridge>>;
  let document: Document;

  beforeAll(async () => {
    fixture = await openBridge();
    // Served with no token (a client reads it before pairing), still behind the Host check.
    const reply = await bridgeRequest(fixture.port, { path: '/v1/openapi.json' });
    expect(reply.status).toBe(200);
    document = JSON.parse(reply.body) as Document;
    expect((await bridgeRequest(fixture.port, { path: '/v1/openapi.json', headers: { host: `evil.example:${fixture.port}` } })).status).toBe(403);
  });
  afterAll(() => fixture.dispose());

  it('is a valid OpenAPI 3.1 document', () => {
    expect(document.openapi).toBe('3.1.0');
    const verdict = validate(document);
    expect(verdict.errors).toBeNull();
    expect(verdict).toMatchObject({ valid: true, version: '3.1' });
  });

  it('has every http route of the contract, with its parameters, body, security and reply', () => {
    const routes = contractRoutes();
    // The routes agreed with the extension (docs/BRIDGE.md) are all there.
    const agreed = ['GET /info', 'GET /workspaces', 'GET /tasks', 'POST /tasks', 'GET /tasks/:id', 'GET /tasks/:id/history', 'GET /tool-calls/:id/output', 'POST /tasks/:id/cancel', 'POST /tasks/:id/resume', 'GET /approvals', 'POST /approvals/:toolCallId', 'POST /pages'];
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(expect.arrayContaining(agreed));
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect(operation).toBeDefined();
      expect(operation!.operationId).toBe(route.procedure);
      expect(operation!.security).toEqual([{ bearer: [] }]);
      for (const param of route.pathParams) expect(operation!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: param, in: 'path' })]));
      expect(operation!.responses['200']?.content?.['application/json']).toBeDefined();
      for (const status of ['400', '401', '403']) expect(operation!.responses[status]).toBeDefined();
      if (route.method !== 'GET' && Object.keys(route.input.shape).length > route.pathParams.length) expect(operation!.requestBody).toBeDefined();
    }
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/pair', '/pair/{requestId}', '/events', '/openapi.json']));
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('names the contract\'s zod schemas as components and refers to them', () => {
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Task', 'ToolCallRecord', 'TaskOverview', 'TimelinePage', 'Workspace', 'ErrorShape', 'PagesSendInput', 'PairRequestReply', 'PairPollReply']));
    const text = JSON.stringify(document.paths);
    expect(text).toContain('"$ref":"#/components/schemas/Task"');
    expect(text).toContain('"$ref":"#/components/schemas/ErrorShape"');
    expect(document.components.schemas.Task).toMatchObject({ type: 'object', required: expect.arrayContaining(['id', 'goal', 'status']) });
    // A query parameter that is an object (the timeline cursor) is sent as JSON text, and says so.
    const history = document.paths['/tasks/{id}/history']!.get!;
    expect(history.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'before', in: 'query', content: { 'application/json': { schema: expect.anything() } } })]));
  });
});
