import { z } from 'zod';
import { procedures, type ProcedureMeta } from '../shared/contract';
import type { CliManifest, CommandSpec, OptionSpec, OptionType } from './manifest';

type JsonSchema = { type?: string | string[]; enum?: unknown[]; const?: unknown; items?: JsonSchema; properties?: Record<string, JsonSchema>; required?: string[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; description?: string };

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A field that may be null (`anyOf: [X, {type: null}]`): X, and that it may be cleared. */
function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const branches = schema.anyOf?.filter((branch) => branch.type !== 'null');
  return branches && branches.length === 1 && schema.anyOf!.length === 2 ? { schema: { ...branches[0]!, ...(schema.description ? { description: schema.description } : {}) }, nullable: true } : { schema, nullable: false };
}

function optionType(schema: JsonSchema): OptionType {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'array' && schema.items?.type === 'string') return 'list';
  if (type === 'string' || (schema.enum && schema.enum.every((v) => typeof v === 'string'))) return 'string';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'boolean') return 'boolean';
  return 'json';
}

/** The fields of an object schema, or of every branch of a union of objects (settings.set's key/value). */
function fields(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } {
  const branches = schema.oneOf ?? schema.anyOf;
  if (!branches) return { properties: schema.properties ?? {}, required: new Set(schema.required ?? []) };
  const properties: Record<string, JsonSchema> = {};
  const names = new Set(branches.flatMap((branch) => Object.keys(branch.properties ?? {})));
  for (const name of names) {
    const variants = branches.map((branch) => branch.properties?.[name]).filter((field): field is JsonSchema => field !== undefined);
    // A constant in every branch (the key that picks the branch) lists the choices; anything else is JSON.
    const constants = variants.map((field) => field.const);
    properties[name] = constants.every((value) => typeof value === 'string') ? { type: 'string', enum: constants } : {};
  }
  const required = new Set(branches.map((b) => new Set(b.required ?? [])).reduce((a, b) => new Set([...a].filter((x) => b.has(x)))));
  return { properties, required };
}

export function buildManifest(version: string): CliManifest {
  const commands: CommandSpec[] = [];
  for (const [name, spec] of Object.entries(procedures) as [string, ProcedureMeta & { input: z.ZodType }][]) {
    if (spec.cli === false) continue;
    const cli = spec.cli ?? {};
    const schema = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const { properties, required } = fields(schema);
    const args = (cli.args ?? []).map((arg) => arg.replace(/\.\.\.$/, ''));
    // Secret fields (passwords, secret values) are never flags: the CLI asks for them (src/cli/shape-input.ts).
    const secret = new Set(cli.secret ?? []);
    const options: OptionSpec[] = Object.entries(properties).filter(([field]) => !secret.has(field)).map(([field, declared]) => {
      const { schema: fieldSchema, nullable } = unwrapNullable(declared);
      const choices = fieldSchema.enum?.filter((v): v is string => typeof v === 'string') ?? (typeof fieldSchema.const === 'string' ? [fieldSchema.const] : undefined);
      const type = optionType(fieldSchema);
      const singular = type === 'list' && /[^s]s$/.test(field) ? [`--${kebab(field.slice(0, -1))}`] : [];
      return {
        field,
        flag: `--${kebab(field)}`,
        ...(singular.length ? { aliases: singular } : {}),
        type,
        required: required.has(field),
        ...(choices?.length ? { choices } : {}),
        ...(nullable ? { nullable } : {}),
        ...(fieldSchema.description ? { description: fieldSchema.description } : {}),
      };
    });
    commands.push({
      words: (cli.name ?? name.split('.').map(kebab).join(' ')).split(' '),
      procedure: name,
      summary: spec.summary,
      args,
      rest: Boolean(cli.args?.at(-1)?.endsWith('...')),
      follow: Boolean(cli.follow),
      options,
    });
  }
  return { version, commands };
}
