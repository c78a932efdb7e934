import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capabilities } from '../../../../src-shared/connections';
import type { Member, Session } from '../../../../src-shared/domain';
import { nextActionChange } from '../../../../src-shared/desk-action-rules';
import { rememberDeskAction } from '../../data/desk-actions';
import { useDeskNow } from '../../data/use-desk-now';
import { canAddMemberTo } from '../../desk/desk-action-registry';
import { useDb, useDesk } from '../../desk/desk-context';
import { describeActionAnswer, describeActionError } from '../../i18n/action-words';
import { memberName } from '../../i18n/words';
import type { DeskMessage } from '../../store';
import { useBookingCheck, type BookingCheck } from './use-booking-check';
import { DialogFooter } from '../../ui/dialog-footer';
import { wordMessage } from '../../i18n/message-words';
import type { GymPlace } from '../../i18n/gym-time';

interface Props {
  member: Member;
  session: Session;
  /** The class's location: what the system says is told in the gym's zone. */
  place?: GymPlace | undefined;
  capabilities: Capabilities | undefined;
  /** The booking went out: the dialog closes and the roster says so. */
  onBooked(message: DeskMessage): void;
  onChooseOther(): void;
}

function CheckAnswer({ check, name, place }: { check: BookingCheck; name: string; place?: GymPlace | undefined }) {
  const { t } = useTranslation();
  if (check.state === 'not_asked') return null;
  if (check.state === 'checking') return <p role="status">{t('walkIn.checking', { name })}</p>;
  if (check.state === 'failed') return <p className="dialog-error">{check.message}</p>;
  return (
    <div
      className={`walk-in-validation ${check.bookable ? 'tone-success' : 'tone-warning'}`}
      data-testid="walk-in-validation"
      data-bookable={String(check.bookable)}
      role="status"
    >
      {check.bookable ? (
        <p>{t('walkIn.bookable', { name })}</p>
      ) : (
        <>
          <p>{check.reasons.length > 0 ? t('walkIn.notBookable', { name }) : t('walkIn.notBookableNoReason', { name })}</p>
          {check.reasons.length > 0 && (
            <ul>
              {check.reasons.map((reason, index) => (
                <li key={index}>{wordMessage(t, reason, { place })}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** The member chosen for a walk-in: what the system says about booking them, then Book. */
export function WalkInBooking({ member, session, place, capabilities, onBooked, onChooseOther }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The system refused this very booking when it was sent: trying again would only be refused again.
  const [saidNo, setSaidNo] = useState(false);
  const bookButton = useRef<HTMLButtonElement>(null);
  const name = memberName(t, member);
  const check = useBookingCheck(session.id, member.id, capabilities?.validateBooking === true);
  const full = session.booked >= session.capacity;
  const ontoWaitlist = full && capabilities?.waitlist === true;
  // The dialog may stay open past the class's start (or the close of its booking window): then Book goes too.
  const nowMs = useDeskNow(15_000, (now) => nextActionChange(session, capabilities, now));
  const bookingOver = !canAddMemberTo({ session, nowMs, capabilities });
  const refused = saidNo || bookingOver || (check.state === 'answered' && !check.bookable);
  const unavailable = sending || refused || check.state === 'checking';

  // The search that chose the member is gone; Book is the next step (or, once refused, choosing someone else).
  useLayoutEffect(() => bookButton.current?.focus(), []);
  const backButton = useRef<HTMLButtonElement>(null);
  // Book leaves once refused; focus goes to the way on rather than falling out of the dialog.
  useLayoutEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (refused && lost) backButton.current?.focus();
  }, [refused]);

  async function book(): Promise<void> {
    if (unavailable) return;
    setSending(true);
    setError(null);
    try {
      const action = await desk.bookMember({ actionId: crypto.randomUUID(), sessionId: session.id, memberId: member.id });
      await rememberDeskAction(db, action);
      const message = describeActionAnswer(t, action, name, place);
      if (action.state !== 'rejected') return onBooked(message);
      setSaidNo(true);
      setError(message.text);
    } catch (failure) {
      setError(describeActionError(t, failure, { place }));
    }
    setSending(false);
  }

  return (
    <section className="walk-in-chosen" aria-label={t('walkIn.chosen', { name })}>
      <p className="walk-in-member">{t('walkIn.chosen', { name })}</p>
      {bookingOver ? <p className="dialog-warning">{t('walkIn.bookingOver')}</p> : <CheckAnswer check={check} name={name} place={place} />}
      {full && <p className="dialog-warning">{ontoWaitlist ? t('walkIn.fullWaitlist', { name }) : t('walkIn.full')}</p>}
      <DialogFooter
        error={error}
        backLabel={t('walkIn.other')}
        onBack={onChooseOther}
        confirmLabel={ontoWaitlist ? t('walkIn.bookWaitlist') : t('walkIn.book')}
        confirmTestId="walk-in-book"
        unavailable={unavailable}
        onConfirm={() => void book()}
        confirmRef={bookButton}
        offerConfirm={!refused}
        backRef={backButton}
      />
    </section>
  );
}
