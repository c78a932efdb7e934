import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location, Session } from '../../../../src-shared/domain';
import { useDeskNow } from '../../data/use-desk-now';
import { formatClockTime, formatDateTime } from '../../i18n/gym-time';
import { ModalDialog } from '../../ui/modal-dialog';
import { cancellationLateness } from './late-cancellation';
import { DialogFooter } from '../../ui/dialog-footer';

interface Props {
  name: string;
  session: Session;
  location: Location;
  /** Sends the cancellation; resolves to an error to show, or null once it went out. */
  onConfirm(reason: string): Promise<string | null>;
  onClose(): void;
}

/** Cancel a booking: an optional reason, and a clear word when the member may be charged for cancelling late. */
export function CancelDialog({ name, session, location, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const nowMs = useDeskNow();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const hintId = useId();
  const aboutId = useId();
  const lateness = cancellationLateness(session, nowMs);

  async function confirm(): Promise<void> {
    if (sending) return;
    setSending(true);
    setError(null);
    const problem = await onConfirm(reason);
    // On success the dialog is gone by now; only a problem keeps it open.
    if (problem !== null) {
      setError(problem);
      setSending(false);
    }
  }

  return (
    <ModalDialog title={t('cancel.heading', { name })} testId="cancel-dialog" onClose={onClose} describedBy={aboutId}>
      <p id={aboutId}>{t('cancel.session', { title: session.title, time: formatDateTime(session.startsAt, location) })}</p>
      {lateness.late && (
        <p className="dialog-warning" data-testid="cancel-warning">
          {t('cancel.lateWarning')}{' '}
          {lateness.deadline
            ? t('cancel.deadlinePassed', { time: formatClockTime(lateness.deadline, location) })
            : t('cancel.startsSoon')}
        </p>
      )}
      <div className="dialog-field">
        <label htmlFor={reasonId}>{t('cancel.reason')}</label>
        <textarea
          id={reasonId}
          data-testid="cancel-reason"
          data-autofocus
          maxLength={500}
          aria-describedby={hintId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <p id={hintId} className="hint">
          {t('cancel.reasonHint')}
        </p>
      </div>
      <DialogFooter
        error={error}
        backLabel={t('cancel.keep')}
        onBack={onClose}
        confirmLabel={sending ? t('cancel.sending') : t('cancel.confirm')}
        confirmTestId="cancel-confirm"
        unavailable={sending}
        onConfirm={() => void confirm()}
      />
    </ModalDialog>
  );
}
