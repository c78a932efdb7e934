/**
 * Where a key was pressed, as far as shortcuts care: in no field, in a field
 * holding only digits (the scanner's: arrows are free there, a scanner never
 * sends them), or in a field someone is typing words into.
 */
export type FieldKind = 'none' | 'digits' | 'text';

export interface KeyPlace {
  field: FieldKind;
  /** The roster row holding focus, if any: row shortcuts act on its booking. */
  rosterRow: HTMLElement | undefined;
  bookingId: string | undefined;
}

export const rosterRowSelector = '[data-testid="roster-row"]';

function fieldKind(target: EventTarget | null): FieldKind {
  if (!(target instanceof HTMLElement)) return 'none';
  if (target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement || target.isContentEditable) return 'text';
  if (target instanceof HTMLInputElement) return /\p{L}/u.test(target.value) ? 'text' : 'digits';
  return 'none';
}

export function keyPlaceOf(event: KeyboardEvent): KeyPlace {
  const target = event.target;
  const row = target instanceof HTMLElement ? (target.closest<HTMLElement>(rosterRowSelector) ?? undefined) : undefined;
  return { field: fieldKind(target), rosterRow: row, bookingId: row?.dataset['bookingId'] };
}

/** A key pressed on its own (Shift aside, so Caps Lock changes nothing) outside any field. */
export function plainKey(key: string) {
  return (event: KeyboardEvent, field: FieldKind): boolean =>
    field === 'none' && !event.altKey && !event.ctrlKey && !event.metaKey && event.key.toLowerCase() === key;
}

/** Alt plus a letter works even in a field; the physical key counts, since Alt+W types "∑" on a Mac. */
export function altLetter(letter: string) {
  return (event: KeyboardEvent): boolean =>
    event.altKey &&
    !event.ctrlKey &&
    !event.metaKey &&
    (event.code === `Key${letter.toUpperCase()}` || event.key.toLowerCase() === letter);
}

/** Moves focus one step through `items`; from outside them it lands on `start` (or the first). */
export function moveFocusAmong(items: readonly HTMLElement[], step: 1 | -1, start?: HTMLElement): void {
  if (items.length === 0) return;
  const focused = items.findIndex((item) => item === document.activeElement || item.contains(document.activeElement));
  if (focused === -1) {
    (start ?? items[0])?.focus();
    return;
  }
  items[Math.min(items.length - 1, Math.max(0, focused + step))]?.focus();
}
