import { z } from 'zod';
import { procedures, type ProcedureMeta, type ProcedureName } from '../../shared/contract';

/** How a query-string or path value is turned into the type its input field has. */
type FieldKind = 'string' | 'number' | 'boolean' | 'json';

/** One REST route of the bridge, derived from a procedure's `http` field. */
export interface ContractRoute {
  procedure: ProcedureName;
  method: 'GET' | 'POST' | 'DELETE';
  /** Under /v1, in express form: `/tasks/:id/cancel`. */
  path: string;
  pathParams: readonly string[];
  fields: ReadonlyMap<string, FieldKind>;
  input: z.ZodObject;
  output: z.ZodType;
  summary: string;
  access: ProcedureMeta['access'];
  /** Largest JSON body accepted, in bytes: a page's text may be up to 500k characters; every other input is small. */
  bodyLimit: number;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The kind of a field, looking through optional, default and the like. */
function kindOf(schema: z.ZodType): FieldKind {
  let inner = schema as z.core.$ZodType;
  while (WRAPPERS.has(inner._zod.def.type)) inner = (inner._zod.def as unknown as { innerType: z.core.$ZodType }).innerType;
  const type = inner._zod.def.type;
  if (type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'string' || type === 'enum' || type === 'literal') return 'string';
  return 'json';
}

/** Every procedure with an `http` field, as a route; a route whose path names a field its input lacks is a contract bug. */
export function contractRoutes(): ContractRoute[] {
  const routes: ContractRoute[] = [];
  for (const [name, spec] of Object.entries(procedures) as [ProcedureName, (typeof procedures)[ProcedureName]][]) {
    const meta = spec as ProcedureMeta;
    if (!meta.http) continue;
    if (!(spec.input instanceof z.ZodObject)) throw new Error(`${name} has an http route but its input is not an object.`);
    const input = spec.input as z.ZodObject;
    const fields = new Map(Object.entries(input.shape).map(([field, schema]) => [field, kindOf(schema as z.ZodType)] as const));
    const pathParams = [...meta.http.path.matchAll(/:([A-Za-z]\w*)/g)].map((match) => match[1]!);
    for (const param of pathParams) if (!fields.has(param)) throw new Error(`${name}: the path parameter :${param} is not a field of its input.`);
    routes.push({ procedure: name, method: meta.http.method, path: meta.http.path, pathParams, fields, input, output: spec.output, summary: meta.summary, access: meta.access, bodyLimit: name === 'pages.send' ? 2 * 1024 * 1024 : 64 * 1024 });
  }
  return routes;
}

export type InputResult = { ok: true; input: Record<string, unknown> } | { ok: false; message: string };

/** Query and path values are text: each becomes its field's type (numbers, booleans, JSON for objects); the rest is zod's job. */
function coerce(kind: FieldKind | undefined, value: string): unknown {
  if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (kind === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (kind === 'json') {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * A route's input: path parameters, then the query string (GET) or the JSON body (POST, DELETE). Built
 * with Object.fromEntries, so a `__proto__` key is a plain (and, to the strict schemas, unknown) field.
 */
export function routeInput(route: ContractRoute, params: Record<string, string>, query: Record<string, unknown>, body: unknown): InputResult {
  const entries: [string, unknown][] = [];
  if (route.method === 'GET') {
    for (const [key, value] of Object.entries(query)) {
      if (typeof value !== 'string') return { ok: false, message: `Give the query parameter "${key.slice(0, 50)}" once.` };
      entries.push([key, coerce(route.fields.get(key), value)]);
    }
  } else if (body !== undefined) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, message: 'The request body must be a JSON object.' };
    if (Object.keys(query).length) return { ok: false, message: 'Send the input in the JSON body, not the query string.' };
    entries.push(...Object.entries(body));
  }
  for (const param of route.pathParams) {
    const value = coerce(route.fields.get(param), params[param] ?? '');
    const given = entries.find(([key]) => key === param);
    if (given && given[1] !== value) return { ok: false, message: `"${param}" differs between the path and the input.` };
    if (!given) entries.push([param, value]);
  }
  return { ok: true, input: Object.fromEntries(entries) };
}
