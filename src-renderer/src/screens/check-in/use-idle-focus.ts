import { useEffect, type RefObject } from 'react';
import { isDialogOpen } from '../../ui/modal-dialog';

function isTypingField(element: Element | null): boolean {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}

function isIdle(): boolean {
  // An open dialog keeps focus inside itself; the scanner waits until it closes.
  if (isDialogOpen()) return false;
  return !document.activeElement || document.activeElement === document.body;
}

/**
 * The scanner types into whatever has focus, so the check-in input takes
 * focus whenever nothing else holds it, and a printable key pressed on a
 * button or list row is sent to it too rather than lost.
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
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length !== 1 || event.key === ' ' || isTypingField(document.activeElement) || isDialogOpen()) return;
      // Moving focus during keydown lets the browser put this very key into the input.
      input.current?.focus();
    };
    focusIfIdle();
    // Chromium does not always report focus lost to a removed element (a button replaced after a check-in).
    const watch = setInterval(focusIfIdle, 1000);
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      clearInterval(watch);
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [input]);
}
