import { useEffect, useRef, type RefObject } from 'react';
import { useDeskStore } from '../../store';

/**
 * Keeps the open class in sight in the day's list. Chosen by the desk (the class running now or
 * next, which moves on as the day does) it is brought to the middle, with what came before above
 * it; chosen by a click it is only scrolled as far as needed, so the list does not jump under the
 * receptionist's hand.
 */
export function useOpenClassInView(list: RefObject<HTMLOListElement | null>, sessionId: string | undefined): void {
  const chosenByStaff = useDeskStore((state) => state.sessionId !== null);
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!sessionId || shown.current === sessionId) return;
    const rows = list.current?.querySelectorAll<HTMLElement>('[data-testid="session-row"]') ?? [];
    const row = [...rows].find((candidate) => candidate.dataset['sessionId'] === sessionId);
    if (!row) return;
    shown.current = sessionId;
    // jsdom has no layout, so no scrollIntoView.
    row.scrollIntoView?.({ block: chosenByStaff ? 'nearest' : 'center' });
  });
}
