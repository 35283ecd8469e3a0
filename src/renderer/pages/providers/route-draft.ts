import type { ProviderAccount } from '../../../shared/provider-accounts';
import { ModelRole, type CompatiblePreset, type DetectedProvider, type ModelRef, type ModelRoutes, type ProviderId } from '../../../shared/providers';

/** One model of a route as the form edits it: every field a string, plus a key that survives reordering. */
export interface DraftRef {
  key: string;
  provider: ProviderId;
  /** Only used with `openai-compatible`; empty for none. */
  preset: CompatiblePreset | '';
  model: string;
  baseUrl: string;
  /** The provider account (its id) whose endpoint and key serve this model; empty for an environment key. */
  account: string;
}

export type DraftRoutes = Record<ModelRole, DraftRef[]>;

export const ROLES: readonly ModelRole[] = ModelRole.options;
/** The contract allows this many models (one plus fallbacks) per role. */
export const MAX_REFS_PER_ROLE = 5;

let lastKey = 0;
const nextKey = () => `ref-${(lastKey += 1)}`;

export function toDraftRef(ref: ModelRef): DraftRef {
  return { key: nextKey(), provider: ref.provider, preset: ref.preset ?? '', model: ref.model, baseUrl: ref.baseUrl ?? '', account: ref.account ?? '' };
}

export function emptyDraftRef(): DraftRef {
  return { key: nextKey(), provider: 'anthropic', preset: '', model: '', baseUrl: '', account: '' };
}

export function toDraft(routes: ModelRoutes): DraftRoutes {
  return { planner: routes.planner.map(toDraftRef), executor: routes.executor.map(toDraftRef), reviewer: routes.reviewer.map(toDraftRef) };
}

/**
 * The routes to save. Text is trimmed and empty optional fields left out; a preset is kept only for
 * OpenAI-compatible servers. Checking the values is the host's job: its error names the field.
 */
export function fromDraft(draft: DraftRoutes): ModelRoutes {
  const toRef = (ref: DraftRef): ModelRef => {
    const baseUrl = ref.baseUrl.trim();
    return {
      provider: ref.provider,
      model: ref.model.trim(),
      ...(baseUrl ? { baseUrl } : {}),
      ...(ref.provider === 'openai-compatible' && ref.preset ? { preset: ref.preset } : {}),
      ...(ref.account ? { account: ref.account } : {}),
    };
  };
  return { planner: draft.planner.map(toRef), executor: draft.executor.map(toRef), reviewer: draft.reviewer.map(toRef) };
}

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at either end. */
export function moveItem<T>(list: readonly T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset;
  const moved = [...list];
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return moved;
  [moved[index], moved[target]] = [moved[target] as T, moved[index] as T];
  return moved;
}

/** A detected provider with one of its models, as a model reference. */
export function refFromDetected(detected: DetectedProvider, model: string): ModelRef {
  return {
    provider: detected.provider,
    model: model.trim(),
    ...(detected.baseUrl ? { baseUrl: detected.baseUrl } : {}),
    ...(detected.preset ? { preset: detected.preset } : {}),
  };
}

/** The same single model for the planner, the executor and the reviewer. */
export const sameModelForAllRoles = (ref: ModelRef): ModelRoutes => ({ planner: [ref], executor: [ref], reviewer: [ref] });

/** A route entry served by an account: the account's provider, preset and endpoint, as `providers.accounts.use` writes them. */
export function withAccount(ref: DraftRef, account: ProviderAccount | null): DraftRef {
  if (!account) return { ...ref, account: '' };
  return { ...ref, account: account.id, provider: account.provider, preset: account.preset ?? '', baseUrl: account.baseUrl ?? '' };
}
