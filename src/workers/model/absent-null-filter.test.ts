import { describe, expect, it } from '@jest/globals';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { AbsentNullFilter } from './absent-null-filter';
import { dropAbsentOptionals } from './tool-schema';

const fromZod = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-7' }) as JSONSchema7;

const schema = fromZod(
  z.object({
    mood: z.enum(['happy', 'sad']).optional(),
    note: z.string().optional(),
    maybe: z.string().nullable().optional(),
    count: z.number().int(),
    items: z.array(z.object({ id: z.string(), tag: z.string().optional() })).optional(),
    inner: z.object({ deep: z.boolean().optional() }).nullable(),
    byName: z.record(z.string(), z.object({ x: z.number().optional() })).optional(),
  }),
);

/** The text let through when it arrives in the given pieces. */
function filtered(text: string, pieces: string[] = [text], root: JSONSchema7 = schema): string {
  const filter = new AbsentNullFilter(root);
  return pieces.map((piece) => filter.push(piece)).join('') + filter.end();
}

/** The text cut into pieces of `size` characters, as tokens might arrive. */
const chunks = (text: string, size: number) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

describe('AbsentNullFilter', () => {
  it('removes optional members written null, first, middle and last, with their commas', () => {
    expect(filtered('{"mood": null, "note": "hi", "count": 1, "inner": null}')).toBe('{ "note": "hi", "count": 1, "inner": null}');
    expect(filtered('{"count": 1, "mood": null, "note": null}')).toBe('{"count": 1}');
    expect(filtered('{"mood": null, "note": null}')).toBe('{}');
    expect(filtered('{\n\t"mood": null,\n\t"count": 2\n}')).toBe('{\n\t"count": 2\n}');
  });

  it('keeps a null the schema allows or requires, and a value that only looks like null', () => {
    expect(filtered('{"maybe": null, "count": null, "note": "null"}')).toBe('{"maybe": null, "count": null, "note": "null"}');
    expect(filtered('{"note": "a \\"quoted\\", }null", "mood": "sad"}')).toBe('{"note": "a \\"quoted\\", }null", "mood": "sad"}');
  });

  it('follows the schema into arrays, nullable objects and records', () => {
    const text = '{"count": 0, "items": [{"id": "a", "tag": null}, {"tag": null, "id": "b"}], "inner": {"deep": null}, "byName": {"k": {"x": null}}}';
    expect(filtered(text)).toBe('{"count": 0, "items": [{"id": "a"}, { "id": "b"}], "inner": {}, "byName": {"k": {}}}');
  });

  it('gives the same value as dropAbsentOptionals however the text is cut into pieces', () => {
    const value = { mood: null, note: 'x, y', maybe: null, count: -1.5e3, items: [{ id: 'i', tag: null }], inner: { deep: null }, byName: { 'a"b': { x: null }, c: { x: 2 } } };
    const expected = dropAbsentOptionals(value, schema, schema);
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, '\t'), JSON.stringify(value, null, 4)]) {
      for (const size of [1, 2, 3, 5, 8, 13, text.length]) {
        const out = filtered(text, chunks(text, size));
        expect(JSON.parse(out)).toEqual(expected);
      }
    }
  });

  it('lets text through as it comes, holding back only a member that may yet go', () => {
    const filter = new AbsentNullFilter(schema);
    expect(filter.push('{"count": 4')).toBe('{"count": 4');
    expect(filter.push(', "note": "long st')).toBe(', "note": "long st');
    expect(filter.push('ory", "mood"')).toBe('ory"');
    expect(filter.push(': "sad"')).toBe(', "mood": "sad"');
    expect(filter.push(', "maybe": nu')).toBe(', "maybe": nu');
    expect(filter.push('ll}')).toBe('ll}');
    expect(filter.end()).toBe('');
  });

  it('lets a cut-off member through as written, and text that is not JSON untouched', () => {
    expect(filtered('{"count": 1, "note": nul')).toBe('{"count": 1, "note": nul');
    expect(filtered('Sure! {"note": null}')).toBe('Sure! {"note": null}');
    expect(filtered('[1, null, "a"]', undefined, { type: 'array', items: { type: 'number' } })).toBe('[1, null, "a"]');
  });
});
