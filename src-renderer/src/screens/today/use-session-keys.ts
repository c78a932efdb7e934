import { useEffect, type RefObject } from 'react';

interface Handlers {
  onPreviousDay(): void;
  onNextDay(): void;
}

const rowSelector = '[data-testid="session-row"]';

/**
 * A typing field owns its keys, except the check-in input while it holds only
 * digits (or nothing): a scanner never sends arrows, so there they still move
 * through the classes. Letters mean a name search, which needs its own arrows.
 */
function keysBelongToField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return true;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return /\p{L}/u.test(target.value);
  return false;
}

function moveFocus(list: HTMLElement, step: 1 | -1): void {
  const rows = [...list.querySelectorAll<HTMLButtonElement>(rowSelector)];
  if (rows.length === 0) return;
  const focused = rows.findIndex((row) => row === document.activeElement);
  if (focused === -1) {
    // Coming from elsewhere: start at the open class rather than jumping past it.
    const open = rows.find((row) => row.getAttribute('aria-current') === 'true') ?? rows[0];
    open?.focus();
    return;
  }
  rows[Math.min(rows.length - 1, Math.max(0, focused + step))]?.focus();
}

/** Desk-wide keys for the day's list: arrows through classes, Page Up/Down or Alt+arrows for the day. */
export function useSessionKeys(list: RefObject<HTMLElement | null>, { onPreviousDay, onNextDay }: Handlers): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || keysBelongToField(event.target)) return;
      const { key, altKey } = event;
      if (!altKey && (key === 'ArrowDown' || key === 'ArrowUp') && list.current) {
        moveFocus(list.current, key === 'ArrowDown' ? 1 : -1);
      } else if (key === 'PageUp' || (altKey && key === 'ArrowLeft')) {
        onPreviousDay();
      } else if (key === 'PageDown' || (altKey && key === 'ArrowRight')) {
        onNextDay();
      } else {
        return;
      }
      // Alt+Left would otherwise be "back" in a browser, and arrows would scroll the page.
      event.preventDefault();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [list, onPreviousDay, onNextDay]);
}
