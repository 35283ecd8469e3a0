import type { JSONSchema7 } from 'ai';
import { isAbsentNull, itemSchema, propertySchema, schemaOfKind } from './tool-schema';

type ObjectFrame = {
  kind: 'object';
  schema: JSONSchema7 | undefined;
  /** key: a key or the end may come; colon: the key is read; value: after the colon; next: a `,` or the end may come. */
  state: 'key' | 'colon' | 'value' | 'next';
  key: string | undefined;
  /** Members let through so far: the first one let through loses the comma before it. */
  members: number;
  /** The current member is written null and the schema has no null for it: it goes if its value is null. */
  mayDrop: boolean;
};
type ArrayFrame = { kind: 'array'; schema: JSONSchema7 | undefined; state: 'value' | 'next'; index: number };

const WHITESPACE = /\s/;
const LITERAL_CHAR = /[\w.+-]/;

/**
 * Removes, as the JSON text streams, the members a grammar made the model write as `"key": null` for
 * optional properties it had nothing for, where the schema allows no null (the same members
 * dropAbsentOptionals removes from a parsed value). The text is never held back for long: only from
 * the start of a member until its key is read, and for a member that may go, until its value starts.
 * Text that is not JSON passes through as it is.
 */
export class AbsentNullFilter {
  private readonly stack: (ObjectFrame | ArrayFrame)[] = [];
  private out = '';
  /** The start of the member being decided, held back; undefined when nothing is held. */
  private held: string | undefined;
  private string: { raw: string; escaped: boolean; isKey: boolean } | undefined;
  private literal: string | undefined;
  private started = false;

  constructor(private readonly root: JSONSchema7) {}

  /** The part of the text so far that can be let through now. */
  push(text: string): string {
    for (const char of text) this.step(char);
    const out = this.out;
    this.out = '';
    return out;
  }

  /** What is still held back once the text has ended (it was cut short): let through as written. */
  end(): string {
    const rest = this.out + (this.held ?? '');
    this.out = '';
    this.held = undefined;
    return rest;
  }

  private write(text: string): void {
    if (this.held !== undefined) this.held += text;
    else this.out += text;
  }

  private step(char: string): void {
    if (this.string) {
      this.write(char);
      const string = this.string;
      if (string.isKey) string.raw += char;
      if (string.escaped) string.escaped = false;
      else if (char === '\\') string.escaped = true;
      else if (char === '"') {
        this.string = undefined;
        if (string.isKey) this.keyRead(string.raw);
        else this.valueEnded();
      }
      return;
    }
    if (this.literal !== undefined) {
      if (LITERAL_CHAR.test(char)) {
        this.literal += char;
        this.write(char);
        return;
      }
      this.literalEnded(this.literal);
    }
    const frame = this.stack.at(-1);
    if (WHITESPACE.test(char)) return this.write(char);
    if (frame?.kind === 'object' && frame.state === 'key' && char === '"') {
      this.write(char);
      this.string = { raw: char, escaped: false, isKey: true };
      return;
    }
    if (frame?.kind === 'object' && frame.state === 'colon') {
      if (char === ':') frame.state = 'value';
      return this.write(char);
    }
    if (frame && (char === '}' || char === ']')) {
      // Only whitespace can be held at an object's end: it stays with the closing brace.
      this.letThrough(false);
      this.write(char);
      this.stack.pop();
      return this.valueEnded();
    }
    if (frame && frame.state === 'next' && char === ',') {
      if (frame.kind === 'array') {
        frame.index++;
        frame.state = 'value';
        return this.write(char);
      }
      frame.state = 'key';
      this.held = char;
      return;
    }
    if (frame ? frame.state === 'value' : !this.started) return this.valueStarts(char);
    this.write(char); // not JSON: let it through
  }

  private valueStarts(char: string): void {
    const frame = this.stack.at(-1);
    this.started = true;
    // A member that may go stays held through a null; any other value decides it is kept.
    if (frame?.kind === 'object' && !(frame.mayDrop && char === 'n')) this.letThrough(true);
    const schema = frame?.kind === 'object' ? (frame.schema && frame.key !== undefined ? propertySchema(frame.schema, frame.key) : undefined) : frame ? frame.schema && itemSchema(frame.schema, frame.index) : this.root;
    this.write(char);
    if (char === '{') {
      this.stack.push({ kind: 'object', schema: schemaOfKind(schema, 'object', this.root), state: 'key', key: undefined, members: 0, mayDrop: false });
      this.held = ''; // the first member is held from here
    } else if (char === '[') this.stack.push({ kind: 'array', schema: schemaOfKind(schema, 'array', this.root), state: 'value', index: 0 });
    else if (char === '"') this.string = { raw: char, escaped: false, isKey: false };
    else this.literal = char;
  }

  private keyRead(raw: string): void {
    const frame = this.stack.at(-1);
    if (frame?.kind !== 'object') return;
    let key: string | undefined;
    try {
      key = JSON.parse(raw) as string;
    } catch {
      key = undefined;
    }
    frame.key = key;
    frame.state = 'colon';
    frame.mayDrop = frame.schema !== undefined && key !== undefined && isAbsentNull(frame.schema, key, this.root);
    if (!frame.mayDrop) this.letThrough(true);
  }

  private literalEnded(literal: string): void {
    this.literal = undefined;
    const frame = this.stack.at(-1);
    if (frame?.kind === 'object' && this.held !== undefined) {
      if (literal === 'null') this.held = undefined; // the member goes, with the comma before it
      else this.letThrough(true);
    }
    this.valueEnded();
  }

  private valueEnded(): void {
    const frame = this.stack.at(-1);
    if (!frame) return;
    frame.state = 'next';
    if (frame.kind === 'object') frame.mayDrop = false;
  }

  /** Lets the held text through: a member's start (the first kept member loses its comma), or whitespace. */
  private letThrough(member: boolean): void {
    const frame = this.stack.at(-1);
    if (this.held === undefined) return;
    let text = this.held;
    this.held = undefined;
    if (member && frame?.kind === 'object') {
      if (frame.members === 0 && text.startsWith(',')) text = text.slice(1);
      frame.members++;
    }
    this.out += text;
  }
}
