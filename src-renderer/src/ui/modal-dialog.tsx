import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './dialog.css';

interface Props {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  /** Id of the text that says what the dialog is about, read after the title. */
  describedBy?: string;
  className?: string;
}

const focusableSelector = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

function focusablesIn(box: HTMLElement): HTMLElement[] {
  return [...box.querySelectorAll<HTMLElement>(focusableSelector)].filter((element) => !element.hidden);
}

/** True while any desk dialog is open: shortcuts and the scanner's focus grab stand back. */
export function isDialogOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/**
 * A small modal dialog: focus moves in (to the element marked data-autofocus,
 * else the first field or button), Tab and Shift+Tab stay inside, Escape
 * closes, and focus goes back to where it was when the dialog opened.
 */
export function ModalDialog({ title, testId, onClose, children, describedBy, className }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const current = box.current;
    if (current) {
      const first = current.querySelector<HTMLElement>('[data-autofocus]') ?? focusablesIn(current)[0] ?? current;
      first.focus();
    }
    return () => {
      if (opener?.isConnected && opener !== document.body) opener.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const focusables = focusablesIn(box.current);
    const first = focusables[0];
    const last = focusables.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    // A click on the backdrop must not drop focus onto the page behind the dialog.
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && event.preventDefault()}>
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        data-testid={testId}
        tabIndex={-1}
        className={['dialog', className].filter(Boolean).join(' ')}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
