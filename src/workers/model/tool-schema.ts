import type { JSONSchema7 } from 'ai';
import type { ChatModelFunctions, GbnfJsonSchema } from './llama-api';
import type { FunctionTool } from '../../shared/language-model-v3';

// node-llama-cpp constrains a tool call's arguments, and a JSON answer (see call-plan.ts), with a grammar
// built from its own JSON schema dialect (GbnfJsonSchema), not full JSON Schema. What converts, and how:
//   object/properties, string (minLength, maxLength; format date-time, time, date), number, integer,
//   boolean, null, array (items, tuples as `items: [...]` or prefixItems, minItems, maxItems), enum and
//   const of plain values, anyOf/oneOf, a list of types, $ref into $defs/definitions, allOf of one schema.
// Limits:
//   - The grammar makes every listed property required, so an optional one becomes "this or null" and
//     the nulls the model writes for it are removed again before the AI SDK sees them: from a tool
//     call by dropAbsentOptionals, from a streamed JSON answer by AbsentNullFilter.
//   - Objects that list properties get no other keys, even where JSON Schema would allow them.
//   - pattern, minimum/maximum, multipleOf, other string formats, not, if/then/else, patternProperties
//     and min/maxProperties are left out: the grammar is looser than the schema there, and the AI SDK's
//     own validation of the input reports what the model got wrong.
//   - Anything else (allOf of several schemas, a $ref outside the document's definitions, an empty
//     schema) allows any JSON value.
// toGbnfSchema can list what the grammar leaves unenforced, for a caller that warns about it.

/** As in JSON Schema: `true` allows anything (`ai` re-exports JSONSchema7 but not this alias). */
type JSONSchema7Definition = JSONSchema7 | boolean;

const NULL_VALUE: GbnfJsonSchema = { type: 'null' };

/** Any JSON value: the dialect has no "any", and an empty schema there means null. */
const ANY: GbnfJsonSchema = { oneOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array' }, { type: 'object', additionalProperties: true }] };

const isPlain = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const DEF_REF = /^#\/(?:\$defs|definitions)\/(.+)$/;
const STRING_FORMATS = new Set(['date-time', 'time', 'date']);

/** The tools on offer, as node-llama-cpp functions: described to the model, never run by it. */
export function toChatFunctions(tools: readonly FunctionTool[]): ChatModelFunctions {
  const functions: ChatModelFunctions = {};
  for (const tool of tools) {
    functions[tool.name] = { ...(tool.description ? { description: tool.description } : {}), params: toGbnfSchema(tool.inputSchema) };
  }
  return functions;
}

/**
 * A JSON Schema as node-llama-cpp's grammar schema, within the limits above. What the grammar leaves
 * unenforced (a keyword such as `pattern`, or a part that became "any JSON value") is added to
 * `unenforced` when given.
 */
export function toGbnfSchema(root: JSONSchema7, unenforced?: Set<string>): GbnfJsonSchema {
  const defs = root.$defs ?? root.definitions;
  const scope: Scope = { defs: new Set(Object.keys(defs ?? {})), unenforced: unenforced ?? new Set() };
  const converted = convert(root, scope);
  if (!defs) return converted;
  const $defs = Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, convert(def, scope)]));
  if ('type' in converted && (converted.type === 'object' || converted.type === 'array')) return { ...converted, $defs };
  return { oneOf: [converted], $defs };
}

interface Scope {
  /** The names a `$ref` can point to; node-llama-cpp only warns on the console about a missing one. */
  defs: ReadonlySet<string>;
  unenforced: Set<string>;
}

/** Keywords the grammar does not enforce, by the type they constrain. */
const UNENFORCED_KEYWORDS = {
  any: ['not', 'if'],
  object: ['patternProperties', 'propertyNames', 'minProperties', 'maxProperties', 'dependencies', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties'],
  array: ['uniqueItems', 'contains', 'unevaluatedItems'],
  string: ['pattern', 'contentEncoding', 'contentMediaType'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
} as const;

function noteUnenforced(schema: JSONSchema7, kind: keyof typeof UNENFORCED_KEYWORDS, scope: Scope): void {
  for (const keyword of UNENFORCED_KEYWORDS[kind]) {
    const value = (schema as Record<string, unknown>)[keyword];
    if (value === undefined) continue;
    // zod bounds every integer to the safe range, and a record's keys are strings anyway: nothing is lost.
    if ((keyword === 'minimum' || keyword === 'maximum') && Math.abs(value as number) === Number.MAX_SAFE_INTEGER) continue;
    if (keyword === 'propertyNames' && typeof value === 'object' && value !== null && Object.keys(value).length === 1 && (value as JSONSchema7).type === 'string') continue;
    scope.unenforced.add(keyword === 'if' ? 'if/then/else' : keyword);
  }
}

function convert(schema: JSONSchema7Definition, scope: Scope): GbnfJsonSchema {
  if (typeof schema === 'boolean') {
    if (!schema) scope.unenforced.add('false (no value allowed)');
    return ANY;
  }
  const described = (result: GbnfJsonSchema): GbnfJsonSchema => (schema.description ? { ...result, description: schema.description } : result);
  const any = (what: string): GbnfJsonSchema => {
    scope.unenforced.add(what);
    return ANY;
  };
  noteUnenforced(schema, 'any', scope);

  if (schema.$ref !== undefined) {
    const name = DEF_REF.exec(schema.$ref)?.[1];
    return name !== undefined && scope.defs.has(name) ? described({ $ref: `#/$defs/${name}` }) : any(`$ref ${schema.$ref}`);
  }
  if (schema.const !== undefined) return isPlain(schema.const) ? described({ const: schema.const }) : any('const of an object or array');
  if (schema.enum) return schema.enum.every(isPlain) ? described({ enum: schema.enum }) : any('enum of objects or arrays');
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return described({ oneOf: alternatives.map((alternative) => convert(alternative, scope)) });
  if (schema.allOf) return schema.allOf.length === 1 && schema.allOf[0] !== undefined ? convert(schema.allOf[0], scope) : any('allOf of several schemas');

  const types: Extract<JSONSchema7['type'], string>[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : schema.items ? ['array'] : [];
  if (types.length === 0) return ANY;
  if (types.length > 1) return described({ oneOf: types.map((type) => convert({ ...schema, type, description: undefined }, scope)) });

  switch (types[0]) {
    case 'object': {
      noteUnenforced(schema, 'object', scope);
      const required = new Set(schema.required ?? []);
      const properties = Object.entries(schema.properties ?? {}).map(([key, value]): [string, GbnfJsonSchema] => [key, required.has(key) ? convert(value, scope) : { oneOf: [convert(value, scope), NULL_VALUE] }]);
      const extra = schema.additionalProperties;
      const additionalProperties = typeof extra === 'object' ? convert(extra, scope) : properties.length === 0 && extra !== false;
      return described({ type: 'object', properties: Object.fromEntries(properties), additionalProperties });
    }
    case 'array': {
      noteUnenforced(schema, 'array', scope);
      // A tuple is `items: [...]` in draft 7 and `prefixItems` (with `items` for the rest) in 2020-12, as zod writes it.
      const { items } = schema;
      const prefix = Array.isArray(items) ? items : (schema as { prefixItems?: JSONSchema7Definition[] }).prefixItems;
      const rest = Array.isArray(items) ? schema.additionalItems : items;
      const maxItems = rest === false ? (prefix?.length ?? 0) : schema.maxItems;
      return described({
        type: 'array',
        ...(prefix ? { prefixItems: prefix.map((item) => convert(item, scope)) } : {}),
        ...(rest !== undefined && rest !== false ? { items: convert(rest, scope) } : {}),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
      });
    }
    case 'string':
      noteUnenforced(schema, 'string', scope);
      if (schema.format && STRING_FORMATS.has(schema.format)) return described({ type: 'string', format: schema.format as 'date-time' | 'time' | 'date' });
      if (schema.format) scope.unenforced.add(`format ${schema.format}`);
      return described({ type: 'string', ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}), ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}) });
    case 'number':
    case 'integer':
      noteUnenforced(schema, 'number', scope);
      return described({ type: types[0] });
    case 'boolean':
    case 'null':
      return described({ type: types[0] });
    default:
      return ANY;
  }
}

/**
 * A value the grammar constrained (a tool call's arguments, a JSON answer) without the nulls it made the
 * model write for optional properties it had nothing for (see the limits above). A null stays where the
 * original schema allows one.
 */
export function dropAbsentOptionals(value: unknown, schema: JSONSchema7Definition | undefined, root: JSONSchema7): unknown {
  if (value === null || typeof value !== 'object') return value;
  const resolved = schemaOfKind(schema, Array.isArray(value) ? 'array' : 'object', root);
  if (!resolved) return value;
  if (Array.isArray(value)) return value.map((item, index) => dropAbsentOptionals(item, itemSchema(resolved, index), root));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null && isAbsentNull(resolved, key, root)) continue;
    result[key] = dropAbsentOptionals(item, propertySchema(resolved, key), root);
  }
  return result;
}

/**
 * The schema an object or array meets at this point: its `$ref` followed, and of an anyOf/oneOf (zod's
 * nullable, a union) the one alternative of that kind. Undefined when it is unknown or ambiguous.
 */
export function schemaOfKind(schema: JSONSchema7Definition | undefined, kind: 'object' | 'array', root: JSONSchema7): JSONSchema7 | undefined {
  let current = resolve(schema, root);
  // Bounded: a schema could refer to itself through single-alternative unions.
  for (let depth = 0; current && depth < 16; depth++) {
    if (current.allOf?.length === 1) {
      current = resolve(current.allOf[0], root);
      continue;
    }
    const alternatives = current.anyOf ?? current.oneOf;
    if (!alternatives) return current;
    const fitting = alternatives.map((alternative) => resolve(alternative, root)).filter((alternative) => alternative !== undefined && isOfKind(alternative, kind));
    current = fitting.length === 1 ? fitting[0] : undefined;
  }
  return undefined;
}

/** The schema of an object's property: a listed one, else the one for additional properties. */
export function propertySchema(schema: JSONSchema7, key: string): JSONSchema7Definition | undefined {
  const listed = schema.properties?.[key];
  if (listed !== undefined) return listed;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/** The schema of an array's item at this index, tuples included. */
export function itemSchema(schema: JSONSchema7, index: number): JSONSchema7Definition | undefined {
  const { items } = schema;
  const prefix = Array.isArray(items) ? items : (schema as { prefixItems?: JSONSchema7Definition[] }).prefixItems;
  const rest = Array.isArray(items) ? schema.additionalItems : items;
  return prefix?.[index] ?? rest;
}

/** Whether a null for this key is one the grammar forced: the property is listed, optional, and allows no null. */
export function isAbsentNull(schema: JSONSchema7, key: string, root: JSONSchema7): boolean {
  const property = schema.properties?.[key];
  return property !== undefined && !(schema.required ?? []).includes(key) && !allowsNull(resolve(property, root));
}

function isOfKind(schema: JSONSchema7, kind: 'object' | 'array'): boolean {
  if (schema.type === undefined) return kind === 'object' ? schema.properties !== undefined || schema.additionalProperties !== undefined : schema.items !== undefined;
  return schema.type === kind || (Array.isArray(schema.type) && schema.type.includes(kind));
}

function resolve(schema: JSONSchema7Definition | undefined, root: JSONSchema7): JSONSchema7 | undefined {
  if (typeof schema !== 'object') return undefined;
  if (schema.$ref === '#') return root;
  const name = schema.$ref === undefined ? undefined : DEF_REF.exec(schema.$ref)?.[1];
  if (name === undefined) return schema;
  const target = (root.$defs ?? root.definitions)?.[name];
  return typeof target === 'object' ? target : undefined;
}

function allowsNull(schema: JSONSchema7 | undefined): boolean {
  if (!schema) return true; // unknown: keep what the model wrote
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  if (schema.const === null || schema.enum?.includes(null)) return true;
  return (schema.anyOf ?? schema.oneOf ?? []).some((alternative) => typeof alternative === 'object' && allowsNull(alternative));
}
