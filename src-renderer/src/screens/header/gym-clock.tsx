import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { useDeskNow } from '../../data/use-desk-now';
import { formatClockTime, placeOrThisPc } from '../../i18n/gym-time';

/**
 * The time at the gym, by the desk's clock (the core's, corrected), in the gym's zone: the one
 * the class times are in, whatever zone the PC is set to.
 */
export function GymClock({ location }: { location: Location | undefined }) {
  const { t } = useTranslation();
  const nowMs = useDeskNow(1_000);
  const instant = new Date(nowMs).toISOString();
  const time = formatClockTime(instant, placeOrThisPc(location));
  return (
    <p className="gym-clock" data-testid="gym-clock">
      <span className="visually-hidden">{location ? t('header.clockAt', { location: location.name }) : t('header.clock')} </span>
      <time dateTime={instant}>{time}</time>
    </p>
  );
}
