import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../ui/modal-dialog';
import { defaultRejectionReason, rejectionReasons, type RejectionReason } from './rejection-reasons';
import { DialogFooter } from '../../ui/dialog-footer';

interface Props {
  name: string;
  /** Sends the rejection with the chosen category; resolves to an error to show, or null once it went out. */
  onConfirm(reason: RejectionReason): Promise<string | null>;
  onClose(): void;
}

/** Turn down a booking request (Wellhub): the member is told the category chosen here. */
export function RejectDialog({ name, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<RejectionReason>(defaultRejectionReason);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const hintId = useId();

  async function confirm(): Promise<void> {
    if (sending) return;
    setSending(true);
    setError(null);
    const problem = await onConfirm(reason);
    if (problem !== null) {
      setError(problem);
      setSending(false);
    }
  }

  return (
    <ModalDialog title={t('reject.heading', { name })} testId="reject-dialog" onClose={onClose}>
      <div className="dialog-field">
        <label htmlFor={reasonId}>{t('reject.reason')}</label>
        <select
          id={reasonId}
          data-testid="reject-reason"
          data-autofocus
          aria-describedby={hintId}
          value={reason}
          onChange={(event) => setReason(event.target.value as RejectionReason)}
        >
          {rejectionReasons.map((code) => (
            <option key={code} value={code}>
              {t(`reject.reasons.${code}`)}
            </option>
          ))}
        </select>
        <p id={hintId} className="hint">
          {t('reject.reasonHint')}
        </p>
      </div>
      <DialogFooter
        error={error}
        backLabel={t('reject.keep')}
        onBack={onClose}
        confirmLabel={t('reject.confirm')}
        confirmTestId="reject-confirm"
        unavailable={sending}
        onConfirm={() => void confirm()}
      />
    </ModalDialog>
  );
}
