import { useEffect } from 'react';
import type { DeskMessage } from '../store';
import './desk-toast.css';

/** How long an answer stays: long enough to read, gone before the next member is at the counter. */
export const toastMs = { calm: 6_000, alarm: 10_000 } as const;

interface Props {
  message: DeskMessage | null;
  /** Clears this message (only if it is still the one shown). */
  clear(message: DeskMessage): void;
  testId: string;
  className: string;
}

/**
 * An answer that floats over the desk instead of pushing it down: it appears with a flash in its
 * tone's colour and leaves by itself after a few seconds (or sooner, when the next one comes).
 * The live region stays in place, so screen readers hear each answer.
 */
export function DeskToast({ message, clear, testId, className }: Props) {
  useEffect(() => {
    if (!message) return;
    const calm = message.tone === 'success' || message.tone === 'info';
    const timer = setTimeout(() => clear(message), calm ? toastMs.calm : toastMs.alarm);
    return () => clearTimeout(timer);
  }, [message, clear]);

  return (
    <p className={`desk-toast ${className}`} role="status" aria-live="polite" data-testid={testId} data-tone={message?.tone}>
      {message && <span className={`toast-text tone-${message.tone}`}>{message.text}</span>}
    </p>
  );
}
