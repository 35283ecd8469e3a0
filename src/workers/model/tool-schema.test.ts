import { describe, expect, it } from '@jest/globals';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { dropAbsentOptionals, toChatFunctions, toGbnfSchema } from './tool-schema';

const ANY = { oneOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array' }, { type: 'object', additionalProperties: true }] };
const orNull = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
/** A zod schema as the tool registry hands it to the model. */
const fromZod = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JSONSchema7;

describe('toGbnfSchema', () => {
  it('converts an object tool input, making optional properties nullable and closing the object', () => {
    const schema = fromZod(
      z.object({
        path: z.string().min(1).describe('File path'),
        all: z.boolean().optional(),
        count: z.number().int(),
        ratio: z.number(),
        mode: z.enum(['fast', 'slow']),
      }),
    );
    expect(toGbnfSchema(schema)).toEqual({
      type: 'object',
      properties: {
        path: { type: 'string', minLength: 1, description: 'File path' },
        all: orNull({ type: 'boolean' }),
        count: { type: 'integer' },
        ratio: { type: 'number' },
        mode: { enum: ['fast', 'slow'] },
      },
      additionalProperties: false,
    });
  });

  it('converts arrays, tuples in both drafts, unions, type lists, const and string formats', () => {
    expect(toGbnfSchema({ type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 })).toEqual({ type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 });
    expect(toGbnfSchema({ type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false })).toEqual({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], maxItems: 2 });
    expect(toGbnfSchema(fromZod(z.tuple([z.string(), z.number()])))).toEqual({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 2, maxItems: 2 });
    expect(toGbnfSchema({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual({ oneOf: [{ type: 'string' }, { type: 'null' }] });
    expect(toGbnfSchema({ type: ['integer', 'null'], description: 'n' })).toEqual({ oneOf: [{ type: 'integer' }, { type: 'null' }], description: 'n' });
    expect(toGbnfSchema({ const: 'yes' })).toEqual({ const: 'yes' });
    expect(toGbnfSchema({ type: 'string', format: 'date-time' })).toEqual({ type: 'string', format: 'date-time' });
  });

  it('keeps records open and moves definitions to $defs for references', () => {
    expect(toGbnfSchema(fromZod(z.record(z.string(), z.number())))).toEqual({ type: 'object', properties: {}, additionalProperties: { type: 'number' } });
    const Node: z.ZodType = z.object({
      name: z.string(),
      get children() {
        return z.array(Node).optional();
      },
    });
    const tree = toGbnfSchema(fromZod(z.object({ root: Node, other: Node })));
    expect(tree).toMatchObject({ type: 'object', properties: { root: { $ref: expect.stringMatching(/^#\/\$defs\//) } }, $defs: expect.any(Object) });
    expect(toGbnfSchema({ type: 'object', properties: { a: { $ref: '#/definitions/A' } }, required: ['a'], definitions: { A: { type: 'string' } } })).toEqual({
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' } },
      additionalProperties: false,
      $defs: { A: { type: 'string' } },
    });
  });

  it('allows any JSON value where the dialect has no equivalent, and drops what it cannot enforce', () => {
    expect(toGbnfSchema({})).toEqual(ANY);
    expect(toGbnfSchema({ allOf: [{ type: 'string' }, { minLength: 2 }] })).toEqual(ANY);
    expect(toGbnfSchema({ $ref: 'https://example.com/schema' })).toEqual(ANY);
    expect(toGbnfSchema({ enum: [{ a: 1 }] })).toEqual(ANY);
    expect(toGbnfSchema({ type: 'string', pattern: '^a' })).toEqual({ type: 'string' });
    expect(toGbnfSchema({ type: 'number', minimum: 0 })).toEqual({ type: 'number' });
  });
});

describe('toGbnfSchema listing what the grammar does not enforce', () => {
  const unenforced = (schema: JSONSchema7) => {
    const found = new Set<string>();
    toGbnfSchema(schema, found);
    return [...found];
  };

  it('lists the keywords it leaves out and the parts that became any value', () => {
    expect(unenforced({ type: 'string', pattern: '^a', format: 'uri' })).toEqual(['pattern', 'format uri']);
    expect(unenforced({ type: ['integer', 'null'], multipleOf: 2 })).toEqual(['multipleOf']);
    expect(unenforced({ type: 'array', items: { type: 'string' }, uniqueItems: true })).toEqual(['uniqueItems']);
    expect(unenforced({ type: 'object', properties: { a: { not: { type: 'null' } } }, minProperties: 1 })).toEqual(['minProperties', 'not']);
    expect(unenforced({ allOf: [{ type: 'string' }, { minLength: 2 }] })).toEqual(['allOf of several schemas']);
    expect(unenforced({ $ref: 'https://example.com/schema' })).toEqual(['$ref https://example.com/schema']);
    expect(unenforced({ enum: [{ a: 1 }] })).toEqual(['enum of objects or arrays']);
  });

  it('points a reference to a missing definition at any value rather than leaving it to node-llama-cpp', () => {
    const found = new Set<string>();
    expect(toGbnfSchema({ type: 'object', properties: { a: { $ref: '#/$defs/Missing' } }, required: ['a'] }, found)).toEqual({ type: 'object', properties: { a: ANY }, additionalProperties: false });
    expect([...found]).toEqual(['$ref #/$defs/Missing']);
  });

  it('finds nothing to list in what zod writes for plain objects, integers, records and date-times without their pattern', () => {
    expect(unenforced(fromZod(z.object({ n: z.number().int(), r: z.record(z.string(), z.boolean()), list: z.array(z.object({ id: z.string().max(9) })).min(1) })))).toEqual([]);
    expect(unenforced({ type: 'string', format: 'date-time' })).toEqual([]);
  });
});

describe('toChatFunctions', () => {
  it('describes each tool by name with its converted input schema', () => {
    expect(toChatFunctions([{ type: 'function', name: 'read', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } }])).toEqual({
      read: { description: 'Read a file', params: { type: 'object', properties: { path: { type: 'string' } }, additionalProperties: false } },
    });
  });
});

describe('dropAbsentOptionals', () => {
  const schema: JSONSchema7 = {
    type: 'object',
    properties: {
      path: { type: 'string' },
      all: { type: 'boolean' },
      note: { type: ['string', 'null'] },
      items: { type: 'array', items: { $ref: '#/$defs/Item' } },
    },
    required: ['path'],
    $defs: { Item: { type: 'object', properties: { id: { type: 'string' }, tag: { type: 'string' } }, required: ['id'] } },
  };

  it('removes the nulls written for optional properties, also inside arrays and definitions', () => {
    const input = { path: 'a.txt', all: null, note: null, items: [{ id: 'x', tag: null }] };
    expect(dropAbsentOptionals(input, schema, schema)).toEqual({ path: 'a.txt', note: null, items: [{ id: 'x' }] });
  });

  it('keeps a null where it is required, since removing it would hide the mistake', () => {
    expect(dropAbsentOptionals({ path: null }, schema, schema)).toEqual({ path: null });
  });

  it('looks into the one object alternative of a nullable object, and into records', () => {
    const outer = fromZod(z.object({ inner: z.object({ a: z.string().optional() }).nullable(), byName: z.record(z.string(), z.object({ b: z.number().optional() })) }));
    expect(dropAbsentOptionals({ inner: { a: null }, byName: { x: { b: null } } }, outer, outer)).toEqual({ inner: {}, byName: { x: {} } });
    expect(dropAbsentOptionals({ inner: null, byName: {} }, outer, outer)).toEqual({ inner: null, byName: {} });
    // Two object alternatives: which one the value meant is unknown, so it is left as written.
    const either: JSONSchema7 = { anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'object', properties: { b: { type: 'string' } } }] };
    expect(dropAbsentOptionals({ a: null }, either, either)).toEqual({ a: null });
  });

  it('lets a zod default apply where the model left an optional property null', () => {
    const list = fromZod(z.object({ path: z.string().default('.') }));
    const input = dropAbsentOptionals({ path: null }, list, list);
    expect(input).toEqual({});
    expect(z.object({ path: z.string().default('.') }).parse(input)).toEqual({ path: '.' });
  });
});
