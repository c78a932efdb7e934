import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import type { LocalDay } from '../../data/local-day';
import { formatLocalDay } from '../../i18n/gym-time';

interface Props {
  location: Location;
  day: LocalDay;
  isToday: boolean;
  onPrevious(): void;
  onToday(): void;
  onNext(): void;
}

/** The day shown, and ‹ Today › to move it: one short line, so the classes get the height. */
export function DaySwitcher({ location, day, isToday, onPrevious, onToday, onNext }: Props) {
  const { t } = useTranslation();
  return (
    <div className="day-switcher" role="group" aria-label={t('today.dayNavigation')}>
      <button type="button" data-testid="day-previous" onClick={onPrevious} aria-keyshortcuts="PageUp Alt+ArrowLeft">
        <span aria-hidden="true">‹</span>
        <span className="visually-hidden">{t('today.previousDay')}</span>
      </button>
      <button type="button" data-testid="day-today" onClick={onToday} aria-current={isToday ? 'date' : undefined}>
        {t('today.today')}
      </button>
      <button type="button" data-testid="day-next" onClick={onNext} aria-keyshortcuts="PageDown Alt+ArrowRight">
        <span aria-hidden="true">›</span>
        <span className="visually-hidden">{t('today.nextDay')}</span>
      </button>
      <p className="day-shown" data-testid="day-shown" aria-live="polite">
        <time dateTime={day}>{formatLocalDay(day, location)}</time>
      </p>
    </div>
  );
}
