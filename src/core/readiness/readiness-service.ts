import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import type { Readiness } from '../../shared/readiness';
import type { SandboxProbe } from '../../shared/vm';
import { checkComputerUse } from '../computer/computer-readiness';
import { checkChromium, checkLocalModel, checkSandbox, type MachineFacts } from './readiness-checks';

export interface ReadinessDeps {
  /** The VM worker's sandbox self-test. */
  probeSandbox(): Promise<SandboxProbe>;
  /** The browser path set in settings, or null. */
  chromiumPath(): string | null;
  /** The display computer use drives, chosen in settings; null: DISPLAY. */
  computerDisplay?(): string | null;
  /** Where the model worker loads node-llama-cpp from (library-dir.ts); throws when the named folder lacks it. */
  libraryDir(): string | null;
  /** The app's install folder, whose node_modules the model worker falls back to. */
  appRoot: string;
  /** The host's environment: DISPLAY, PATH (browsers), HOME. */
  env: NodeJS.ProcessEnv;
  facts?: MachineFacts;
  now?: () => number;
  /** How long an answer is reused: the page asks on every visit, the checks read the disk. */
  cacheMs?: number;
}

/** The machine as this process sees it. */
export function hostFacts(env: NodeJS.ProcessEnv): MachineFacts {
  return {
    platform: process.platform,
    arch: process.arch,
    env,
    exists: (path) => existsSync(path),
    isExecutable(path) {
      try {
        accessSync(path, constants.X_OK);
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
    isSocket: (path) => statSync(path, { throwIfNoEntry: false })?.isSocket() ?? false,
    readText(path) {
      try {
        return readFileSync(path, 'utf8').slice(0, 1024 * 1024);
      } catch {
        return null;
      }
    },
  };
}

/**
 * Settings → Readiness (`readiness.get`): each capability Aura needs from the machine, with its state and,
 * when missing, the exact fix. Cheap checks (a few stats and small reads, the sandbox self-test the VM
 * worker runs once); one answer is reused for a few seconds, and calls meanwhile share it.
 */
export class ReadinessService {
  private cached: { at: number; value: Promise<Readiness> } | undefined;
  private readonly facts: MachineFacts;
  private readonly now: () => number;

  constructor(private readonly deps: ReadinessDeps) {
    this.facts = deps.facts ?? hostFacts(deps.env);
    this.now = deps.now ?? Date.now;
  }

  get(refresh = false): Promise<Readiness> {
    const at = this.now();
    if (!refresh && this.cached && at - this.cached.at < (this.deps.cacheMs ?? 5000)) return this.cached.value;
    const value = this.check(at);
    this.cached = { at, value };
    // A failed check is not reused.
    value.catch(() => (this.cached?.value === value ? (this.cached = undefined) : undefined));
    return value;
  }

  private async check(at: number): Promise<Readiness> {
    const { facts, deps } = this;
    const probe = await deps.probeSandbox().catch((err: unknown) => ({ error: `The VM worker could not run its sandbox self-test: ${err instanceof Error ? err.message : String(err)}` }));
    let libraryDir: string | { error: string } | null;
    try {
      libraryDir = deps.libraryDir();
    } catch (err) {
      libraryDir = { error: err instanceof Error ? err.message : String(err) };
    }
    return {
      capabilities: [checkSandbox(facts, probe), checkChromium(facts, deps.chromiumPath()), checkComputerUse(facts, deps.computerDisplay?.() ?? null), checkLocalModel(facts, libraryDir, deps.appRoot)],
      checkedAt: new Date(at).toISOString(),
    };
  }
}
