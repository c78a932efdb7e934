import type { Ref } from 'react';

interface Props {
  /** Why the last try failed, read out at once. */
  error: string | null | undefined;
  backLabel: string;
  onBack(): void;
  confirmLabel: string;
  confirmTestId: string;
  /** aria-disabled rather than disabled, so focus stays on the button while it waits. */
  unavailable: boolean;
  onConfirm(): void;
  confirmRef?: Ref<HTMLButtonElement>;
  backRef?: Ref<HTMLButtonElement>;
  /** False once the system has said no: the button is not offered at all, rather than offered and refused. */
  offerConfirm?: boolean;
}

/** The foot of a desk dialog: its error, a way back, and the one button that acts. */
export function DialogFooter({ error, backLabel, onBack, confirmLabel, confirmTestId, unavailable, onConfirm, confirmRef, backRef, offerConfirm = true }: Props) {
  return (
    <>
      <p className="dialog-error" role="alert">
        {error}
      </p>
      <div className="dialog-buttons">
        <button type="button" ref={backRef} onClick={onBack}>
          {backLabel}
        </button>
        {offerConfirm && (
          <button
            type="button"
            ref={confirmRef}
            className="primary"
            data-testid={confirmTestId}
            aria-disabled={unavailable || undefined}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        )}
      </div>
    </>
  );
}
