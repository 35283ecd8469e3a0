import { AuraError } from '../../shared/errors';
import type { FileEntry, FileRead, SandboxParams } from '../../shared/vm';
import { FILE_HELPER_SCRIPT } from './file-helper-script';
import { SandboxProcess, type SandboxTools } from './sandbox-process';

/** One operation longer than this means the helper is stuck (a file on a hung network mount): it is restarted. */
const OP_TIMEOUT_MS = 60_000;

type Reply = { resolve: (body: Buffer) => void; reject: (err: Error) => void };

/**
 * The sandboxed file helper of one workspace: a long-lived Perl process in a sandbox with the workspace
 * roots bound read-write (git's hooks and config read-only), no network, no /proc, no /etc and no home.
 * Requests run one at a time; a stuck or dead helper is killed and the next request starts a new one.
 */
export class FileHelper {
  private running: Running | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly params: SandboxParams,
    private readonly tools: SandboxTools,
    private readonly perl: string,
  ) {}

  async read(path: string, maxBytes: number): Promise<FileRead> {
    const fields = splitFields(await this.request(['read', path, String(maxBytes)]), 3);
    const kind = fields[1]?.toString() ?? '';
    if (kind === 'missing' || kind === 'dir' || kind === 'other') return { kind };
    if (kind === 'too-big') return { kind, size: Number(fields[2]?.toString()) };
    const data = fields[2] ?? Buffer.alloc(0);
    const binary = data.includes(0);
    return { kind: 'file', size: data.length, binary, text: binary ? '' : data.toString('utf8') };
  }

  async write(path: string, content: string): Promise<{ created: boolean } | { kind: 'dir' } | { errno: string }> {
    const fields = splitFields(await this.request(['write', path, Buffer.from(content, 'utf8')]), 2);
    const [status, value] = fields.map((f) => f.toString());
    if (status === 'err') return { errno: value ?? 'EIO' };
    if (value === 'dir') return { kind: 'dir' };
    return { created: value === 'created' };
  }

  async list(path: string): Promise<{ entries: FileEntry[] } | { errno: string }> {
    const fields = splitFields(await this.request(['list', path]), Infinity).map((f) => f.toString('utf8'));
    if (fields[0] === 'err') return { errno: fields[1] ?? 'EIO' };
    const entries: FileEntry[] = [];
    for (let i = 1; i + 2 < fields.length; i += 3) {
      const type = fields[i] as FileEntry['type'];
      const size = Number(fields[i + 1]);
      entries.push({ name: fields[i + 2] ?? '', type, ...(type === 'file' ? { size } : {}) });
    }
    return { entries };
  }

  /** The texts of several files at once (null: missing, too big, binary or not a file). */
  async readMany(paths: string[], maxBytes: number): Promise<(string | null)[]> {
    if (!paths.length) return [];
    const body = await this.request(['readmany', String(maxBytes), ...paths]);
    const texts: (string | null)[] = [];
    // `ok`, then per path: NUL, its length (-1: skipped), NUL, its bytes.
    let at = 2;
    for (let i = 0; i < paths.length; i += 1) {
      const end = body.indexOf(0, at + 1);
      const length = Number(body.subarray(at + 1, end).toString());
      at = end + 1;
      if (length < 0) {
        texts.push(null);
        continue;
      }
      const data = body.subarray(at, at + length);
      at += length;
      texts.push(data.includes(0) ? null : data.toString('utf8'));
    }
    return texts;
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = null;
    await running?.sandbox.kill();
  }

  private request(fields: (string | Buffer)[]): Promise<Buffer> {
    const next = this.queue.then(() => this.send(fields));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async send(fields: (string | Buffer)[]): Promise<Buffer> {
    const running = this.current();
    await running.ready;
    const body = Buffer.concat(fields.flatMap((f, i) => [Buffer.from(f), ...(i + 1 < fields.length ? [Buffer.from([0])] : [])]));
    const reply = running.nextReply();
    running.sandbox.child.stdin.write(Buffer.concat([Buffer.from(`${body.length}\n`), body]));
    const timer = setTimeout(() => void running.sandbox.kill(), OP_TIMEOUT_MS);
    try {
      return await reply;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The live helper, or a new one. Its process has exited once `alive` is false, before its pipes close. */
  private current(): Running {
    if (this.running?.sandbox.alive) return this.running;
    const sandbox = new SandboxProcess({ ...this.params, network: false }, this.tools, {
      proc: false,
      network: false,
      command: [this.perl, '-e', FILE_HELPER_SCRIPT],
    });
    const running = new Running(sandbox);
    this.running = running;
    void sandbox.exited.then(() => {
      if (this.running === running) this.running = null;
    });
    return running;
  }
}

/**
 * One helper process and the replies it owes. They are its own: a helper that dies fails only the requests
 * it was sent, never those of the helper started after it (which may start before the dead one's pipes close).
 */
class Running {
  readonly ready: Promise<void>;
  private pending: Buffer = Buffer.alloc(0);
  private waiting: Reply[] = [];

  constructor(readonly sandbox: SandboxProcess) {
    sandbox.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.ready = this.nextReply().then(() => undefined);
    void sandbox.exited.then(() => {
      const failed = this.waiting;
      this.waiting = [];
      const why = sandbox.stderr ? `: ${sandbox.stderr.slice(0, 300)}` : '';
      for (const reply of failed) reply.reject(new AuraError('IO_ERROR', `The sandboxed file helper stopped${why}.`, 'Try again; see Readiness if it keeps failing.'));
    });
  }

  nextReply(): Promise<Buffer> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const newline = this.pending.indexOf(0x0a);
      if (newline < 0) return;
      const length = Number(this.pending.subarray(0, newline).toString());
      if (this.pending.length < newline + 1 + length) return;
      const body = this.pending.subarray(newline + 1, newline + 1 + length);
      this.pending = this.pending.subarray(newline + 1 + length);
      this.waiting.shift()?.resolve(Buffer.from(body));
    }
  }
}

/** Splits a reply into at most `count` fields at NUL; the last keeps any NULs of its data. */
function splitFields(body: Buffer, count: number): Buffer[] {
  const fields: Buffer[] = [];
  let at = 0;
  while (fields.length < count - 1) {
    const end = body.indexOf(0, at);
    if (end < 0) break;
    fields.push(body.subarray(at, end));
    at = end + 1;
  }
  fields.push(body.subarray(at));
  return fields;
}
