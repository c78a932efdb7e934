import { useCallback } from 'react';
import { playScanSound } from '../../scanning/scan-sound';
import type { DeskMessage } from '../../store';

/**
 * Tells the check-in's answer and, unless the `sounds` setting says otherwise, sounds it: the
 * member may go in (checked in, or already in) or not (unknown card, no booking, refused, offline).
 */
export function useScanAnswer(tell: (message: DeskMessage | null) => void, sounds: boolean) {
  return useCallback(
    (message: DeskMessage | null) => {
      tell(message);
      if (message && sounds) playScanSound(message.tone === 'success' || message.tone === 'info' ? 'success' : 'failure');
    },
    [tell, sounds],
  );
}
