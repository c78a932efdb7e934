import { useTranslation } from 'react-i18next';
import type { Capabilities } from '../../../../src-shared/connections';
import { localDayOf } from '../../data/local-day';
import { actionsFor, type BookingActionKind } from '../../desk/desk-action-registry';
import { formatShortDay, formatTimeRange, placeOrThisPc } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import { ActionNote } from '../roster/action-note';
import { RequestCountdown } from './request-countdown';
import type { WaitingRequest } from './use-wellhub-waiting';

/** What the requests list answers with; cancelling and the rest stay on the roster. */
const answers: ReadonlySet<BookingActionKind> = new Set(['confirm_booking_request', 'reject_booking_request']);

interface Props {
  request: WaitingRequest;
  capabilities: Capabilities | undefined;
  nowMs: number;
  /** An answer to this request is being sent. */
  busy: boolean;
  onAnswer(kind: BookingActionKind, request: WaitingRequest): void;
}

/** One booking request: who, which class when, how long it stays open, and Confirm / Reject where they still fit. */
export function RequestRow({ request, capabilities, nowMs, busy, onAnswer }: Props) {
  const { t } = useTranslation();
  const { booking, session, member, action, location } = request;
  const name = memberName(t, member);
  const place = placeOrThisPc(location);
  // The registry decides, as on the roster: the class not started, the system able, Wellhub's deadline not passed.
  const offers = session ? actionsFor(booking.status, { session, nowMs, capabilities }, booking.decideBy).filter((offer) => answers.has(offer.kind)) : [];
  let when = '';
  if (session) {
    const day = localDayOf(Date.parse(session.startsAt), place.timeZone);
    const range = formatTimeRange(session.startsAt, session.endsAt, place);
    when = day === localDayOf(nowMs, place.timeZone) ? range : t('requests.onDay', { day: formatShortDay(day, place), time: range });
  }
  return (
    <li className="waiting-row" data-testid="request-row" data-booking-id={booking.id}>
      <span className="waiting-who">
        <span className="member-name">{name}</span>
        <span className="waiting-what">{session ? t('requests.classAt', { title: session.title, time: when }) : t('requests.classUnknown')}</span>
      </span>
      <span className="waiting-clock">
        <RequestCountdown booking={booking} place={location} />
        <ActionNote action={action} place={location} />
      </span>
      <span className="row-action" role={offers.length > 1 ? 'group' : undefined} aria-label={offers.length > 1 ? t('roster.rowActions', { name }) : undefined}>
        {offers.map(({ kind, testId, primary }) => {
          const unavailable = busy || (action?.state === 'accepted' && action.kind === kind);
          return (
            <button
              key={kind}
              type="button"
              className={primary ? 'primary' : 'secondary'}
              data-testid={testId}
              aria-disabled={unavailable || undefined}
              aria-label={t(`roster.action.${kind}.labelFor`, { name })}
              onClick={() => {
                if (!unavailable) onAnswer(kind, request);
              }}
            >
              {t(`roster.action.${kind}.label`)}
            </button>
          );
        })}
      </span>
    </li>
  );
}
