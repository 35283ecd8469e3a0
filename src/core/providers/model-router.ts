import { setTimeout as wait } from 'node:timers/promises';
import type { LanguageModel } from 'ai';
import { AuraError, type ErrorCode } from '../../shared/errors';
import type { ModelRef, ModelRole } from '../../shared/providers';
import type { Logger } from '../logging/logger';
import { missingCapability, type ModelNeeds } from './capabilities';
import type { LocalModels } from './local-gguf';
import { AccountBudgetSpent } from './account-budget';
import { createLanguageModel, type AccountSource } from './model-factory';
import type { BudgetOverrun } from './provider-accounts';
import { classify, describeFailure, failureCode, retryAfterMs } from './model-errors';

/**
 * Handed to each attempt. The attempt is aborted when the provider goes quiet for too long; the
 * attempt says when it hears from the provider (`alive`) and when it is busy with something else,
 * such as running a tool or waiting for the user (`pause` / `resume`), which must not count as silence.
 */
export interface AttemptControl {
  signal: AbortSignal;
  alive(): void;
  pause(): void;
  resume(): void;
  /** Stops the attempt for a reason of the caller's own (e.g. a spent token budget). */
  abort(reason: Error): void;
}

export type Attempt<T> = (model: LanguageModel, ref: ModelRef, control: AttemptControl) => Promise<T>;

export interface RouterOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** How long a provider may stay silent before the attempt counts as stalled. */
  idleTimeoutMs?: number;
  /** Extra attempts on the same model after a retryable failure, before falling back. */
  retriesPerModel?: number;
  /** First back-off; doubles on each retry, capped at 30 s, unless the server names its own wait. */
  backoffMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  createModel?: (ref: ModelRef, env: NodeJS.ProcessEnv) => Promise<LanguageModel>;
  /** Where local GGUF models run: the app's model worker. */
  localModels?: LocalModels;
}

/** The provider accounts models may be served by: their endpoints and keys, and their monthly budgets. */
export interface ModelAccounts extends AccountSource {
  overBudget(accountId: string, pendingUsd?: number): BudgetOverrun | null;
}

/** What to do about the cause that ended a call, when the failure itself named no fix. */
const ROUTE_HINTS: Partial<Record<ErrorCode, string>> = {
  PROVIDER_AUTH: 'Check the API key of this provider (it was refused), or pick another model on the Providers page.',
  RATE_LIMITED: 'The provider is limiting requests: wait a minute and resume the task, or add a fallback model.',
  PROVIDER_UNREACHABLE: 'Start the model server, or check the base URL on the Providers page.',
  CONTEXT_TOO_LONG: 'Pick a model with a larger context window, or split the goal into smaller tasks.',
  TIMEOUT: 'The provider stopped answering: resume the task, or add a fallback model.',
};

const defaultSleep = (ms: number, signal?: AbortSignal) => wait(ms, undefined, signal ? { signal } : {});

/** Runs a call on the models of a role in order, with retries, back-off, stall detection and fallbacks. */
export class ModelRouter {
  private readonly idleTimeoutMs: number;
  private readonly retriesPerModel: number;
  private readonly backoffMs: number;
  private readonly sleep: NonNullable<RouterOptions['sleep']>;
  private readonly createModel: NonNullable<RouterOptions['createModel']>;
  private accounts: ModelAccounts | undefined;

  constructor(private readonly options: RouterOptions) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 90_000;
    this.retriesPerModel = options.retriesPerModel ?? 2;
    this.backoffMs = options.backoffMs ?? 1000;
    this.sleep = options.sleep ?? defaultSleep;
    this.createModel = options.createModel ?? ((ref, env) => createLanguageModel(ref, env, options.localModels, this.accounts));
  }

  /** The app's provider accounts (set by the composition root, also on a router a test passed in). */
  useAccounts(accounts: ModelAccounts): void {
    this.accounts = accounts;
  }

  /**
   * Whether the account serving `ref` has spent its monthly budget, with `pendingUsd` a running call spent
   * and has not recorded yet: checked before every model call, so a spent budget pauses the task there.
   */
  budgetSpent(ref: ModelRef, pendingUsd = 0): AccountBudgetSpent | null {
    const over = ref.account && this.accounts ? this.accounts.overBudget(ref.account, pendingUsd) : null;
    return over ? new AccountBudgetSpent(over) : null;
  }

  private checkBudget(ref: ModelRef): void {
    const spent = this.budgetSpent(ref);
    if (spent) throw spent;
  }

  async run<T>(role: ModelRole, refs: readonly ModelRef[], needs: ModelNeeds, attempt: Attempt<T>, signal?: AbortSignal): Promise<{ result: T; ref: ModelRef }> {
    const failures: string[] = [];
    // The cause the user sees is the last model's: the one whose failure ended the call.
    let code: ErrorCode = 'MODEL_NOT_SET';
    // The fix a failure names (install a package, set a key) beats the general advice below.
    let hint: string | undefined;
    for (const ref of refs) {
      const label = `${ref.provider}/${ref.model}`;
      const missing = missingCapability(ref, needs);
      if (missing) {
        failures.push(`${label}: ${missing}`);
        code = 'MODEL_NOT_SET';
        hint ??= `Pick a model that can call tools for the ${role} on the Providers page.`;
        continue;
      }
      this.checkBudget(ref);
      let model: LanguageModel;
      try {
        model = await this.model(ref);
      } catch (err) {
        failures.push(`${label}: ${describeFailure(err)}`);
        code = failureCode(err);
        if (err instanceof AuraError) hint ??= err.hint;
        continue;
      }
      for (let retry = 0; ; retry += 1) {
        if (retry > 0) this.checkBudget(ref);
        try {
          return { result: await this.attemptOnce(model, ref, attempt, signal), ref };
        } catch (err) {
          const kind = classify(err, signal);
          if (kind === 'stop') throw err;
          const reason = describeFailure(err);
          this.options.logger.warn('model call failed', { role, provider: ref.provider, model: ref.model, reason, retry });
          if (kind === 'fallback' || retry >= this.retriesPerModel) {
            failures.push(`${label}: ${reason}`);
            code = failureCode(err);
            break;
          }
          await this.sleep(Math.min(retryAfterMs(err) ?? this.backoffMs * 2 ** retry, 30_000), signal);
        }
      }
    }
    throw new AuraError(code, `No ${role} model could answer. ${failures.join('; ')}`, hint ?? ROUTE_HINTS[code] ?? 'Check the provider is running and the key is set, or add a fallback model on the Providers page.');
  }

  /** Provider clients hold no conversation state, so one per model reference serves every call. */
  private readonly models = new Map<string, LanguageModel>();

  private async model(ref: ModelRef): Promise<LanguageModel> {
    // An account's key is read from the vault for each call and held by no cache: locking the vault stops it.
    if (ref.account) return this.createModel(ref, this.options.env);
    const key = JSON.stringify([ref.provider, ref.model, ref.baseUrl ?? null, ref.preset ?? null]);
    let model = this.models.get(key);
    if (!model) {
      model = await this.createModel(ref, this.options.env);
      this.models.set(key, model);
    }
    return model;
  }

  private async attemptOnce<T>(model: LanguageModel, ref: ModelRef, attempt: Attempt<T>, signal?: AbortSignal): Promise<T> {
    // One controller per attempt, fed by the caller's signal: cheaper than AbortSignal.any on every call.
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    let stall: Error | null = null;
    let last = performance.now();
    let paused = 0;
    // `alive` runs on every streamed part, so it only notes the time; the timer checks it lazily.
    const check = () => {
      const idle = paused > 0 ? 0 : performance.now() - last;
      if (idle < this.idleTimeoutMs) {
        timer = setTimeout(check, this.idleTimeoutMs - idle);
        return;
      }
      stall = Object.assign(new Error(`no answer for ${Math.round(this.idleTimeoutMs / 1000)} s`), { name: 'TimeoutError' });
      controller.abort(stall);
    };
    let timer = setTimeout(check, this.idleTimeoutMs);
    const control: AttemptControl = {
      signal: controller.signal,
      alive: () => {
        last = performance.now();
      },
      pause: () => {
        paused += 1;
      },
      resume: () => {
        paused = Math.max(0, paused - 1);
        last = performance.now();
      },
      abort: (reason) => controller.abort(reason),
    };
    try {
      return await attempt(model, ref, control);
    } catch (err) {
      throw stall && !signal?.aborted ? stall : err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

}
