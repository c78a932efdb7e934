import { useEffect, useState } from 'react';
import type { Capabilities } from '../../../src-shared/connections';
import { useDeskStore } from '../store';
import { useDesk } from './desk-context';

/**
 * What each active connection lets the desk do, the built-in demo studio too,
 * by connection id. Asked again whenever connections change or the link comes
 * back; undefined until the core has answered (the UI then offers what fits).
 */
export function useCapabilities(): Record<string, Capabilities> | undefined {
  const desk = useDesk();
  const linkState = useDeskStore((state) => state.link);
  const [changes, setChanges] = useState(0);
  const [capabilities, setCapabilities] = useState<Record<string, Capabilities>>();

  useEffect(() => desk.subscribe((event) => event.name === 'connections' && setChanges((n) => n + 1)), [desk]);

  useEffect(() => {
    let current = true;
    desk.listCapabilities({}).then(
      (answer) => current && setCapabilities(answer),
      // Offline: keep what was known; the core refuses what a system cannot do anyway.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [desk, linkState, changes]);

  return capabilities;
}
