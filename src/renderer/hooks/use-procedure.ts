import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract';
import { useClient, useReconnectCount } from './use-client';

export interface ProcedureState<T> {
  /** The last good answer; kept while a reload runs or after a reload fails, so nothing flickers. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Calls the procedure again. */
  reload(): void;
  /** Replaces the data without a call, e.g. with the payload of an event. */
  update(next: (current: T | undefined) => T | undefined): void;
}

interface Snapshot<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Calls a read-only procedure and keeps its answer. It calls again when the input changes (compared
 * by value, so a fresh object literal each render is fine), on `reload()`, and after a reconnect.
 * Answers that arrive after a newer call started are dropped.
 */
export function useProcedure<K extends ProcedureName>(method: K, input: ProcedureInput<K>): ProcedureState<ProcedureOutput<K>> {
  const client = useClient();
  const reconnects = useReconnectCount();
  const inputKey = JSON.stringify(input ?? {});
  const stableInput = useMemo(() => JSON.parse(inputKey) as ProcedureInput<K>, [inputKey]);
  const [generation, setGeneration] = useState(0);
  const [snapshot, setSnapshot] = useState<Snapshot<ProcedureOutput<K>>>({ data: undefined, error: null, loading: true });

  useEffect(() => {
    let current = true;
    setSnapshot((previous) => (previous.loading ? previous : { ...previous, loading: true }));
    client.call(method, stableInput).then(
      (data) => {
        if (current) setSnapshot({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (current) setSnapshot((previous) => ({ data: previous.data, error, loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [client, method, stableInput, generation, reconnects]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const update = useCallback((next: (current: ProcedureOutput<K> | undefined) => ProcedureOutput<K> | undefined) => {
    setSnapshot((previous) => {
      const data = next(previous.data);
      return data === previous.data ? previous : { ...previous, data, error: null };
    });
  }, []);

  return useMemo(() => ({ ...snapshot, reload, update }), [snapshot, reload, update]);
}
