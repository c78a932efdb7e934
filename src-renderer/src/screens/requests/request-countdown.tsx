import { useTranslation } from 'react-i18next';
import type { Booking } from '../../../../src-shared/domain';
import { useDeskSecond } from '../../data/desk-second';
import { formatClockTime, placeOrThisPc, type GymPlace } from '../../i18n/gym-time';
import { formatCountdown, requestClock } from './request-deadlines';
import './requests.css';

interface Props {
  booking: Pick<Booking, 'decideBy' | 'fallbackAt'>;
  /** The class's gym: the hover text tells the deadlines as clock times in its zone. */
  place: GymPlace | undefined;
  /** The roster's narrow note column: the source column already says Wellhub. */
  compact?: boolean;
  /** Wellhub's deadline alone, where a second line would not fit. */
  oneLine?: boolean;
}

/**
 * How long a booking request stays open: until Wellhub declines it by itself and, when the gym's relay
 * answers first, until the relay does. role="timer" is not a live region, so the seconds are there
 * for whoever reads the row without being announced every second.
 */
export function RequestCountdown({ booking, place, compact = false, oneLine = false }: Props) {
  const { t } = useTranslation();
  const nowMs = useDeskSecond();
  const clock = requestClock(booking, nowMs);
  if (!clock || !booking.decideBy) return null;
  const gym = placeOrThisPc(place);
  if (clock.state === 'expired') {
    const text = t('requests.countdown.expired');
    return (
      <span className="request-countdown is-expired" data-testid="request-countdown" data-state="expired" title={text}>
        {text}
      </span>
    );
  }
  const declines = t(compact ? 'requests.countdown.declinesShort' : 'requests.countdown.declines', { time: formatCountdown(clock.declinesInMs) });
  const autoAnswer = clock.autoAnswerInMs === undefined || oneLine ? undefined : t(compact ? 'requests.countdown.autoAnswerShort' : 'requests.countdown.autoAnswer', { time: formatCountdown(clock.autoAnswerInMs) });
  const about = [
    t('requests.countdown.declinesAt', { time: formatClockTime(booking.decideBy, gym) }),
    autoAnswer && booking.fallbackAt ? t('requests.countdown.autoAnswerAt', { time: formatClockTime(booking.fallbackAt, gym) }) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <span className="request-countdown" role="timer" data-testid="request-countdown" data-state="open" title={about}>
      <span className="countdown-line" data-testid="countdown-declines">
        {declines}
      </span>
      {autoAnswer && (
        <span className="countdown-line countdown-auto" data-testid="countdown-auto-answer">
          {autoAnswer}
        </span>
      )}
    </span>
  );
}
