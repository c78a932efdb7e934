import { useEffect, useRef } from 'react';
import { useDeskStore } from '../../store';

/** Long enough that nobody is in the middle of something with the class they opened. */
export const followAfterIdleMs = 2 * 60_000;

/**
 * As the day goes on, the class running now (or next) changes. A desk left alone follows it; a
 * class staff opened themselves stays open while they work with it, and is let go only once the
 * desk has been left alone for a while when the next class comes round.
 */
export function useFollowNow(currentId: string | undefined): void {
  // Counted from when the desk opened: opening it counts as being touched.
  const lastInput = useRef(0);
  const previous = useRef(currentId);

  useEffect(() => {
    const touched = (): void => {
      lastInput.current = Date.now();
    };
    touched();
    document.addEventListener('keydown', touched, true);
    document.addEventListener('pointerdown', touched, true);
    return () => {
      document.removeEventListener('keydown', touched, true);
      document.removeEventListener('pointerdown', touched, true);
    };
  }, []);

  useEffect(() => {
    if (previous.current === currentId) return;
    previous.current = currentId;
    const { sessionId, day, followNow } = useDeskStore.getState();
    if (sessionId !== null && day === null && Date.now() - lastInput.current >= followAfterIdleMs) followNow();
  }, [currentId]);
}
