import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { hrefFor, parseRoute, type Route } from '../navigation/route';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
const readHash = () => window.location.hash;

/** The current page from `location.hash`; unknown hashes are rewritten in place to the page shown. */
export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash);
  const route = useMemo(() => parseRoute(hash), [hash]);
  useEffect(() => {
    const canonical = hrefFor(route);
    // replaceState, not assignment: a fallback must not add a history entry the Back button returns to.
    if (hash !== canonical) window.history.replaceState(window.history.state, '', canonical);
  }, [hash, route]);
  return route;
}
