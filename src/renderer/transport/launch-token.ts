/** Where the headless host's launch token lives for the rest of the tab's life. */
export const TOKEN_STORAGE_KEY = 'aura.token';

/** The parts of `window` this module touches, so tests can pass fakes. */
export interface TokenEnvironment {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Takes the token from `?token=…` on first load, keeps it in sessionStorage and strips it from the
 * visible URL (it would otherwise end up in bookmarks, screenshots and shared links). Later loads of
 * the same tab read it back from sessionStorage.
 */
export function takeLaunchToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    trySetItem(env.sessionStorage, fromUrl);
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return tryGetItem(env.sessionStorage);
}

// Storage may be disabled (privacy modes); the token then lives only as long as this page.
function trySetItem(storage: TokenEnvironment['sessionStorage'], token: string): void {
  try {
    storage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    /* the token still works for this page load */
  }
}

function tryGetItem(storage: TokenEnvironment['sessionStorage']): string | null {
  try {
    return storage.getItem(TOKEN_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}
