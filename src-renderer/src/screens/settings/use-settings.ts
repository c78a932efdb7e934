import { useCallback, useEffect, useRef, useState } from 'react';
import type { EffectiveSettings } from '../../../../src-shared/settings';
import { useDesk } from '../../desk/desk-context';
import { useDeskStore } from '../../store';

export interface SettingsState {
  /** undefined until the core has answered once. */
  settings: EffectiveSettings | undefined;
  loadError: unknown;
  reload(): void;
  /** Shows what a save answered at once, before the core's `settings` event. */
  saved(settings: EffectiveSettings): void;
}

/**
 * The settings in force, straight from the core and kept current by its `settings` events. Not
 * cached in IndexedDB: only this screen shows them, and a stale copy could show a lock that IT lifted.
 */
export function useSettings(): SettingsState {
  const desk = useDesk();
  // Pushes may have been missed while the link was down: ask again whenever it moves.
  const link = useDeskStore((state) => state.link);
  const [settings, setSettings] = useState<EffectiveSettings>();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  // Counts the core's pushes; an answer asked for before the latest push is older than it.
  const pushes = useRef(0);

  useEffect(
    () =>
      desk.subscribe((event) => {
        if (event.name !== 'settings') return;
        pushes.current += 1;
        setSettings(event.payload);
        setLoadError(null);
      }),
    [desk],
  );

  useEffect(() => {
    let current = true;
    const pushesBefore = pushes.current;
    desk.getSettings({}).then(
      (answer) => {
        if (!current || pushes.current !== pushesBefore) return;
        setSettings(answer);
        setLoadError(null);
      },
      (error: unknown) => {
        if (current) setLoadError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [desk, link, attempt]);

  const reload = useCallback(() => {
    setLoadError(null);
    setAttempt((n) => n + 1);
  }, []);

  return { settings, loadError, reload, saved: setSettings };
}
