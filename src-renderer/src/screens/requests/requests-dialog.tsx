import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSecond } from '../../data/desk-second';
import type { BookingActionKind } from '../../desk/desk-action-registry';
import { useDb, useDesk } from '../../desk/desk-context';
import { sendVisit } from '../../desk/send-visit';
import { useBookingActions } from '../../desk/use-booking-actions';
import { useCapabilities } from '../../desk/use-capabilities';
import { memberName } from '../../i18n/words';
import type { DeskMessage } from '../../store';
import { ModalDialog } from '../../ui/modal-dialog';
import { RejectDialog } from '../roster/reject-dialog';
import { RequestRow } from './request-row';
import { useWellhubWaiting, type WaitingRequest, type WaitingVisit } from './use-wellhub-waiting';
import { VisitRow } from './visit-row';
import { openRequests, openVisits } from './waiting-order';
import './requests.css';

function withOrWithout(set: ReadonlySet<string>, id: string, present: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (present) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * Everything Wellhub waits on the desk for, across its connections: booking requests, the one that
 * lapses first on top, and members at the door to validate. Answers go through the same desk-action
 * registry as the roster's buttons; rejecting asks for Wellhub's reason in the roster's dialog.
 */
export function RequestsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const waiting = useWellhubWaiting();
  const capabilities = useCapabilities();
  const nowMs = useDeskSecond();
  const [message, setMessage] = useState<DeskMessage | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set());
  const [sentVisits, setSentVisits] = useState<ReadonlySet<string>>(() => new Set());
  const [rejecting, setRejecting] = useState<WaitingRequest | null>(null);
  const run = useBookingActions(setMessage);

  const answer = useCallback(
    async (kind: BookingActionKind, request: WaitingRequest, reason?: string) => {
      const id = request.booking.id;
      setBusy((set) => withOrWithout(set, id, true));
      try {
        return await run(kind, request.booking, memberName(t, request.member), reason);
      } finally {
        setBusy((set) => withOrWithout(set, id, false));
      }
    },
    [run, t],
  );

  const start = (kind: BookingActionKind, request: WaitingRequest): void => {
    if (kind === 'reject_booking_request') setRejecting(request);
    else void answer(kind, request);
  };

  const validate = async ({ visit }: WaitingVisit, visitorId: string): Promise<void> => {
    setBusy((set) => withOrWithout(set, visit.id, true));
    const { action, message: said } = await sendVisit(desk, db, t, visit.connectionId, visitorId);
    setMessage(said);
    if (action && action.state !== 'rejected') setSentVisits((set) => withOrWithout(set, visit.id, true));
    setBusy((set) => withOrWithout(set, visit.id, false));
  };

  if (rejecting) {
    // In place of the list, not over it: one modal question at a time; the list comes back after.
    const confirm = async (reason: string): Promise<string | null> => {
      const result = await answer('reject_booking_request', rejecting, reason);
      if (!result.action) return result.message.text;
      setRejecting(null);
      return null;
    };
    return <RejectDialog name={memberName(t, rejecting.member)} onConfirm={confirm} onClose={() => setRejecting(null)} />;
  }

  const requests = waiting ? openRequests(waiting.requests, nowMs) : [];
  const visits = waiting ? openVisits(waiting.visits, nowMs) : [];
  const nothing = waiting !== undefined && requests.length === 0 && visits.length === 0;
  return (
    <ModalDialog title={t('requests.heading')} testId="requests-dialog" onClose={onClose} className="requests-dialog">
      <p className={`desk-message requests-message ${message ? `tone-${message.tone}` : ''}`} role="status" data-testid="requests-message">
        {message?.text}
      </p>
      {nothing && (
        <p className="empty" data-testid="requests-empty">
          {t('requests.empty')}
        </p>
      )}
      {requests.length > 0 && (
        <section aria-labelledby="requests-bookings">
          <h3 id="requests-bookings" className="requests-group">
            {t('requests.bookingsHeading', { count: requests.length })}
          </h3>
          <ul className="waiting-list">
            {requests.map((request) => (
              <RequestRow
                key={request.booking.id}
                request={request}
                capabilities={capabilities?.[request.booking.connectionId]}
                nowMs={nowMs}
                busy={busy.has(request.booking.id)}
                onAnswer={start}
              />
            ))}
          </ul>
        </section>
      )}
      {visits.length > 0 && (
        <section aria-labelledby="requests-visits">
          <h3 id="requests-visits" className="requests-group">
            {t('requests.visitsHeading', { count: visits.length })}
          </h3>
          <ul className="waiting-list">
            {visits.map((visit) => (
              <VisitRow
                key={visit.visit.id}
                waiting={visit}
                busy={busy.has(visit.visit.id)}
                sent={sentVisits.has(visit.visit.id)}
                onValidate={(which, visitorId) => void validate(which, visitorId)}
              />
            ))}
          </ul>
        </section>
      )}
      <div className="dialog-buttons">
        <button type="button" className="secondary" data-testid="requests-close" onClick={onClose}>
          {t('requests.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
