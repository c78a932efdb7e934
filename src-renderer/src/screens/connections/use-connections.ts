import { useCallback, useEffect, useRef, useState } from 'react';
import type { Connection } from '../../../../src-shared/connections';
import { useDesk } from '../../desk/desk-context';
import { useDeskStore } from '../../store';

export interface ConnectionList {
  /** undefined until the core has answered once. */
  connections: Connection[] | undefined;
  loadError: unknown;
  reload(): void;
  /** Shows a saved or removed connection at once, before the core's `connections` event. */
  saved(connection: Connection): void;
  removed(id: string): void;
}

/**
 * The gym's connections, straight from the core and kept current by its
 * `connections` events. Deliberately not cached anywhere: the list is small,
 * only this screen needs it, and it must never go stale or outlive the page.
 */
export function useConnections(): ConnectionList {
  const desk = useDesk();
  // Any change may follow a reconnect, after which pushes may have been missed; asking again is cheap.
  const deskState = useDeskStore((state) => state.link);
  const [connections, setConnections] = useState<Connection[]>();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  // Counts the core's pushes; a list asked for before the latest push is older than it.
  const pushes = useRef(0);

  useEffect(
    () =>
      desk.subscribe((event) => {
        if (event.name !== 'connections') return;
        pushes.current += 1;
        setConnections(event.payload);
        setLoadError(null);
      }),
    [desk],
  );

  // Asked on opening, on "try again", and whenever the desk's connection state moves.
  useEffect(() => {
    let current = true;
    const pushesBefore = pushes.current;
    desk.listConnections({}).then(
      (list) => {
        if (!current || pushes.current !== pushesBefore) return;
        setConnections(list);
        setLoadError(null);
      },
      (error: unknown) => {
        if (current) setLoadError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [desk, deskState, attempt]);

  const reload = useCallback(() => {
    setLoadError(null);
    setAttempt((n) => n + 1);
  }, []);

  const saved = useCallback((connection: Connection) => {
    setConnections((list) => {
      if (!list) return list;
      const known = list.some((c) => c.id === connection.id);
      return known ? list.map((c) => (c.id === connection.id ? connection : c)) : [...list, connection];
    });
  }, []);

  const removed = useCallback((id: string) => {
    setConnections((list) => list?.filter((c) => c.id !== id));
  }, []);

  return { connections, loadError, reload, saved, removed };
}
