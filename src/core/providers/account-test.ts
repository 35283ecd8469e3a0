import type { AccountTestResult } from '../../shared/provider-accounts';
import { redactSecrets, registerSecret } from '../secrets/secret-values';
import { accountBaseUrl, type AccountCredentials } from './provider-accounts';

const TIMEOUT_MS = 10_000;
const MAX_MODELS = 500;

/** The providers' own API roots, where an account sets no base URL of its own. */
const OFFICIAL_BASE: Record<'anthropic' | 'openai' | 'google', string> = {
  anthropic: 'https://api.anthropic.com/v1',
  openai: 'https://api.openai.com/v1',
  google: 'https://generativelanguage.googleapis.com/v1beta',
};

/** The model-list request of each wire format; the key goes in a header, never in the URL (which gets logged). */
function listRequest(account: AccountCredentials): { url: string; headers: Record<string, string> } {
  const base = (accountBaseUrl(account) ?? OFFICIAL_BASE[account.provider as keyof typeof OFFICIAL_BASE]).replace(/\/+$/, '');
  const key = account.apiKey;
  switch (account.provider) {
    case 'anthropic':
      return { url: `${base}/models?limit=1000`, headers: { 'anthropic-version': '2023-06-01', ...(key ? { 'x-api-key': key } : {}) } };
    case 'google':
      return { url: `${base}/models?pageSize=1000`, headers: key ? { 'x-goog-api-key': key } : {} };
    default:
      return { url: `${base}/models`, headers: key ? { authorization: `Bearer ${key}` } : {} };
  }
}

/** The ids in a model list: OpenAI's and Anthropic's `data[].id`, Google's `models[].name`. */
function modelIds(body: unknown): string[] {
  const list = (body as { data?: unknown; models?: unknown } | null) ?? {};
  const items = Array.isArray(list.data) ? list.data : Array.isArray(list.models) ? list.models : [];
  return items
    .map((item: unknown) => {
      const { id, name } = (item ?? {}) as { id?: unknown; name?: unknown };
      return typeof id === 'string' ? id : typeof name === 'string' ? name.replace(/^models\//, '') : null;
    })
    .filter((id): id is string => id !== null)
    .slice(0, MAX_MODELS);
}

/** What a refusal says, trimmed; the server's own words may repeat the key, so it is redacted by value. */
async function refusal(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let detail = text;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string') detail = message;
  } catch {
    // not JSON: the text as it is
  }
  const what = response.status === 401 || response.status === 403 ? 'the key was refused' : `the server answered ${response.status}`;
  return `${what}${detail.trim() ? `: ${detail.trim().slice(0, 300)}` : ''}`;
}

/**
 * Tests an account with a real request: the list of models, in its provider's own wire format, bounded by
 * 10 s. Nothing of the key comes back: every message is redacted by value.
 */
export async function testAccountConnection(account: AccountCredentials, timeoutMs = TIMEOUT_MS): Promise<AccountTestResult> {
  // Already registered by the vault when read; again here, so a key handed in by a caller is masked too.
  registerSecret(account.apiKey ?? undefined);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let url = '';
  try {
    const request = listRequest(account);
    url = request.url;
    const response = await fetch(request.url, { headers: request.headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    if (response.status >= 300 && response.status < 400) return { ok: false, models: [], latencyMs: latency(), message: redactSecrets(`${url} redirects elsewhere; the key is not sent on. Check the base URL.`) };
    if (!response.ok) return { ok: false, models: [], latencyMs: latency(), message: redactSecrets(await refusal(response)) };
    const models = modelIds(await response.json().catch(() => null));
    return { ok: true, models, latencyMs: latency(), message: models.length ? `Connected: ${models.length} model${models.length === 1 ? '' : 's'}.` : 'Connected (the server listed no models).' };
  } catch (err) {
    const name = (err as Error)?.name;
    const cause = (err as { cause?: { code?: unknown } })?.cause?.code;
    const message =
      name === 'TimeoutError' || name === 'AbortError'
        ? `No answer from ${url} within ${Math.round(timeoutMs / 1000)} s.`
        : `Could not reach ${url || 'the server'}${typeof cause === 'string' ? ` (${cause})` : ''}: is the server running, and the base URL right?`;
    return { ok: false, models: [], latencyMs: latency(), message: redactSecrets(message) };
  }
}
