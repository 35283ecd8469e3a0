import { useSyncExternalStore } from 'react';
import { prefersDarkQuery } from '../appearance/document-appearance';

const subscribe = (listener: () => void) => {
  const query = prefersDarkQuery();
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
};
const read = () => prefersDarkQuery()?.matches ?? false;

/** Whether the operating system is in dark mode, following changes live. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(subscribe, read);
}
