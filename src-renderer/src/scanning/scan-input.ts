import { useEffect, useLayoutEffect, useRef } from 'react';
import { isDialogOpen } from '../ui/modal-dialog';
import { ScanDetector, type HeldShortcut } from './scan-detector';

/** Fewer keys than this before Enter are never a scan: no member card is that short. */
export const minScanLength = 4;

/** The detector of the check-in bar on screen; none while another screen (or a dialog) has the keyboard. */
let active: ScanDetector | null = null;

/** Where a person types words: keys there are theirs, and a scanner typing there types there. */
export function isTypingField(element: EventTarget | null): boolean {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}

/** A key a scanner may send as part of a code, pressed where no field takes it. */
function isLooseKey(event: KeyboardEvent): boolean {
  return (
    event.key.length === 1 &&
    event.key !== ' ' &&
    !event.ctrlKey &&
    !event.metaKey &&
    !event.altKey &&
    !event.isComposing &&
    !isTypingField(event.target) &&
    !isDialogOpen()
  );
}

/**
 * For the shortcut layer: a single-key shortcut pressed outside any field waits the scanner's key
 * gap before it runs, and never runs if more keys follow within it (the key began a card code:
 * "X9912345" is a scan, not X for cancel). True when the key was taken; the caller stops there.
 */
export function holdForScan(event: KeyboardEvent, run: HeldShortcut): boolean {
  if (!active || !isLooseKey(event)) return false;
  active.key(event.key, event.timeStamp, run);
  return true;
}

/** For the shortcut layer: this key comes within a scan already under way. */
export function isPartOfScan(event: KeyboardEvent): boolean {
  return active?.inBurst(event.timeStamp) ?? false;
}

export interface ScanInputOptions {
  gapMs: number;
  onScan(code: string): void;
  onTyped(text: string): void;
}

/**
 * Takes the keys typed where no field is (a roster row, a button, the page) for the check-in bar:
 * a scanner's burst ending in Enter arrives as one code, wherever focus was; a person's keys are
 * handed on as typing. Keys in fields and in dialogs are left alone.
 */
export function useScanInput({ gapMs, onScan, onTyped }: ScanInputOptions): void {
  // The callbacks change every render; the detector and its listener should not.
  const latest = useRef({ gapMs, onScan, onTyped });
  useLayoutEffect(() => {
    latest.current = { gapMs, onScan, onTyped };
  });
  const detector = useRef<ScanDetector | null>(null);

  useEffect(() => {
    detector.current?.configure({ gapMs });
  }, [gapMs]);

  useEffect(() => {
    const scanner = new ScanDetector({
      gapMs: latest.current.gapMs,
      minLength: minScanLength,
      onScan: (code) => latest.current.onScan(code),
      onTyped: (text) => latest.current.onTyped(text),
    });
    detector.current = scanner;
    active = scanner;
    // Bubble phase: the shortcut layer (capture phase) has had its say, and has held its own keys.
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isDialogOpen() || isTypingField(event.target)) return;
      if (event.key === 'Enter') {
        if (scanner.enter(event.timeStamp)) event.preventDefault();
      } else if (isLooseKey(event)) {
        event.preventDefault();
        scanner.key(event.key, event.timeStamp);
      } else if (!['Shift', 'CapsLock'].includes(event.key)) {
        scanner.interrupt();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      if (active === scanner) active = null;
      scanner.dispose();
    };
  }, []);
}
