import { useEffect } from 'react';
import { useDeskStore } from '../store';
import { useDesk } from './desk-context';
import { deskErrorCode } from './desk-error';

/**
 * Tells the core which location this desk serves, so it keeps that location's
 * today freshest: on start, whenever the choice changes, and again whenever the
 * link's state moves (a call made while offline never arrived).
 */
export function useDeskLocation(locationId: string | undefined): void {
  const desk = useDesk();
  const link = useDeskStore((state) => state.link);
  useEffect(() => {
    if (!locationId) return;
    desk.setDeskLocation({ locationId }).catch((error: unknown) => {
      // Offline is expected on the way up; the next state change asks again. A conflict means IT's
      // policy fixes the desk location: looking at another location's day is fine, it just stays unsaved.
      const code = deskErrorCode(error);
      if (code !== 'offline' && code !== 'conflict') console.warn('Classdesk: could not tell the core the desk location', error);
    });
  }, [desk, locationId, link]);
}
