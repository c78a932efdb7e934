import { useEffect, type RefObject } from 'react';
import { isDialogOpen } from '../../ui/modal-dialog';

function isIdle(): boolean {
  // An open dialog keeps focus inside itself; the scanner waits until it closes.
  if (isDialogOpen()) return false;
  return !document.activeElement || document.activeElement === document.body;
}

/**
 * The scanner types into whatever has focus, so the check-in input takes
 * focus whenever nothing else holds it. Keys pressed on a button or list row
 * reach it through the scan input (scanning/scan-input.ts), scan or typing.
 */
export function useIdleFocus(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const focusIfIdle = (): void => {
      if (isIdle()) input.current?.focus();
    };
    // focusout fires before the next element gets focus; look once the dust settles.
    const onFocusOut = (): void => {
      setTimeout(focusIfIdle, 0);
    };
    focusIfIdle();
    // Chromium does not always report focus lost to a removed element (a button replaced after a check-in).
    const watch = setInterval(focusIfIdle, 1000);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      clearInterval(watch);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, [input]);
}
