import { afterEach, describe, expect, it } from '@jest/globals';
import { RedactingStream } from './redacting-stream';
import { clearSecretsForTests, registerSecret, secretPrefixAtEnd } from './secret-values';

afterEach(() => clearSecretsForTests());

const SECRET = 'sk-live-0123456789abcdef';

describe('redaction of a stream cut into pieces', () => {
  it('catches a secret however the stream is cut, in two pieces or one character at a time', () => {
    registerSecret(SECRET);
    const text = `echo ${SECRET}\r\nok ${SECRET}x\r\n`;
    for (let cut = 0; cut <= text.length; cut += 1) {
      const stream = new RedactingStream();
      const out = stream.push(text.slice(0, cut)) + stream.push(text.slice(cut)) + stream.release();
      expect({ cut, out }).toEqual({ cut, out: 'echo [secret redacted]\r\nok [secret redacted]x\r\n' });
    }
    const stream = new RedactingStream();
    const out = [...text].map((char) => stream.push(char)).join('') + stream.release();
    expect(out).toBe('echo [secret redacted]\r\nok [secret redacted]x\r\n');
  });

  it('holds back only what could start a secret, and lets it go on release', () => {
    registerSecret(SECRET);
    const stream = new RedactingStream();
    expect(stream.push('ls -l\r\n$ ')).toBe('ls -l\r\n$ ');
    expect(stream.holding).toBe(false);
    expect(stream.push('prompt sk-li')).toBe('prompt ');
    expect(stream.holding).toBe(true);
    // It was not a secret after all: the held text goes out with what follows.
    expect(stream.push('ne')).toBe('sk-line');
    expect(stream.push('x')).toBe('x');
    expect(stream.push(' sk')).toBe(' ');
    expect(stream.release()).toBe('sk');
    expect(stream.holding).toBe(false);
  });

  it('passes everything at once when no secret is known', () => {
    const stream = new RedactingStream();
    expect(stream.push('anything sk-')).toBe('anything sk-');
    expect(secretPrefixAtEnd('anything sk-')).toBe(0);
  });

  it('finds the longest end that starts any spelling of a secret', () => {
    registerSecret('abc/def+123456');
    expect(secretPrefixAtEnd('x abc/d')).toBe(5);
    expect(secretPrefixAtEnd(`x ${encodeURIComponent('abc/def+123456').slice(0, 6)}`)).toBe(6);
    expect(secretPrefixAtEnd('x abc/def+123456')).toBe(0); // whole: redactSecrets' business, not a prefix
    expect(secretPrefixAtEnd('x abd')).toBe(0);
  });
});
