import type { JSONSchema7 } from 'ai';
import type { ChatModelFunctions, GbnfJsonSchema } from './llama-api';
import type { FunctionTool } from './v3-types';

// node-llama-cpp constrains a tool call's arguments with a grammar built from its own JSON schema
// dialect (GbnfJsonSchema), not full JSON Schema. What converts, and how:
//   object/properties, string (minLength, maxLength; format date-time, time, date), number, integer,
//   boolean, null, array (items, tuples as `items: [...]` or prefixItems, minItems, maxItems), enum and
//   const of plain values, anyOf/oneOf, a list of types, $ref into $defs/definitions, allOf of one schema.
// Limits:
//   - The grammar makes every listed property required, so an optional one becomes "this or null" and
//     the nulls the model writes for it are removed again by dropAbsentOptionals before the AI SDK sees
//     the call.
//   - Objects that list properties get no other keys, even where JSON Schema would allow them.
//   - pattern, minimum/maximum, multipleOf, other string formats, not, if/then/else, patternProperties
//     and min/maxProperties are left out: the grammar is looser than the schema there, and the AI SDK's
//     own validation of the input reports what the model got wrong.
//   - Anything else (allOf of several schemas, a $ref outside the document, an empty schema) allows
//     any JSON value.

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

/** A JSON Schema as node-llama-cpp's grammar schema, within the limits above. */
export function toGbnfSchema(root: JSONSchema7): GbnfJsonSchema {
  const converted = convert(root);
  const defs = root.$defs ?? root.definitions;
  if (!defs) return converted;
  const $defs = Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, convert(def)]));
  if ('type' in converted && (converted.type === 'object' || converted.type === 'array')) return { ...converted, $defs };
  return { oneOf: [converted], $defs };
}

function convert(schema: JSONSchema7Definition): GbnfJsonSchema {
  if (typeof schema === 'boolean') return ANY;
  const described = (result: GbnfJsonSchema): GbnfJsonSchema => (schema.description ? { ...result, description: schema.description } : result);

  if (schema.$ref !== undefined) {
    const name = DEF_REF.exec(schema.$ref)?.[1];
    return name ? described({ $ref: `#/$defs/${name}` }) : ANY;
  }
  if (schema.const !== undefined) return isPlain(schema.const) ? described({ const: schema.const }) : ANY;
  if (schema.enum) return schema.enum.every(isPlain) ? described({ enum: schema.enum }) : ANY;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return described({ oneOf: alternatives.map(convert) });
  if (schema.allOf) return schema.allOf.length === 1 && schema.allOf[0] !== undefined ? convert(schema.allOf[0]) : ANY;

  const types: Extract<JSONSchema7['type'], string>[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : schema.items ? ['array'] : [];
  if (types.length === 0) return ANY;
  if (types.length > 1) return described({ oneOf: types.map((type) => convert({ ...schema, type, description: undefined })) });

  switch (types[0]) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      const properties = Object.entries(schema.properties ?? {}).map(([key, value]): [string, GbnfJsonSchema] => [key, required.has(key) ? convert(value) : { oneOf: [convert(value), NULL_VALUE] }]);
      const extra = schema.additionalProperties;
      const additionalProperties = typeof extra === 'object' ? convert(extra) : properties.length === 0 && extra !== false;
      return described({ type: 'object', properties: Object.fromEntries(properties), additionalProperties });
    }
    case 'array': {
      // A tuple is `items: [...]` in draft 7 and `prefixItems` (with `items` for the rest) in 2020-12, as zod writes it.
      const { items } = schema;
      const prefix = Array.isArray(items) ? items : (schema as { prefixItems?: JSONSchema7Definition[] }).prefixItems;
      const rest = Array.isArray(items) ? schema.additionalItems : items;
      const maxItems = rest === false ? (prefix?.length ?? 0) : schema.maxItems;
      return described({
        type: 'array',
        ...(prefix ? { prefixItems: prefix.map(convert) } : {}),
        ...(rest !== undefined && rest !== false ? { items: convert(rest) } : {}),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
      });
    }
    case 'string':
      if (schema.format && STRING_FORMATS.has(schema.format)) return described({ type: 'string', format: schema.format as 'date-time' | 'time' | 'date' });
      return described({ type: 'string', ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}), ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}) });
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return described({ type: types[0] });
    default:
      return ANY;
  }
}

/**
 * A tool call's arguments without the nulls the grammar made the model write for optional properties
 * it had nothing for (see the limits above). A null stays where the original schema allows one.
 */
export function dropAbsentOptionals(value: unknown, schema: JSONSchema7Definition | undefined, root: JSONSchema7): unknown {
  const resolved = resolve(schema, root);
  if (!resolved || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const { items } = resolved;
    const prefix = Array.isArray(items) ? items : (resolved as { prefixItems?: JSONSchema7Definition[] }).prefixItems;
    const rest = Array.isArray(items) ? resolved.additionalItems : items;
    return value.map((item, index) => dropAbsentOptionals(item, prefix?.[index] ?? rest, root));
  }
  if (!resolved.properties) return value;
  const required = new Set(resolved.required ?? []);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = resolved.properties[key];
    if (item === null && !required.has(key) && !allowsNull(resolve(property, root))) continue;
    result[key] = dropAbsentOptionals(item, property, root);
  }
  return result;
}

function resolve(schema: JSONSchema7Definition | undefined, root: JSONSchema7): JSONSchema7 | undefined {
  if (typeof schema !== 'object') return undefined;
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
