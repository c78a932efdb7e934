import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { weekdays, type OpeningHours, type OpeningSpan, type SettingSource, type Weekday } from '../../../../src-shared/settings';
import { ClockTimeInput } from './clock-time-input';

interface Props {
  hours: OpeningHours;
  source: SettingSource;
  invalid: boolean;
  onChange(hours: OpeningHours): void;
}

/** A new stretch starts as a whole working day; staff adjust it rather than type it from nothing. */
const newSpan: OpeningSpan = { opens: '09:00', closes: '17:00' };

/** The gym's opening hours, a few stretches per weekday; a day without one is closed. */
export function OpeningHoursField({ hours, source, invalid, onChange }: Props) {
  const { t } = useTranslation();
  const markerId = useId();
  const locked = source === 'policy';
  let marker: string | undefined;
  if (locked) marker = t('settings.lockedByPolicy');
  else if (source === 'provisioning') marker = t('settings.fromProvisioning');

  const setDay = (day: Weekday, spans: OpeningSpan[]) => onChange({ ...hours, [day]: spans });
  const setSpan = (day: Weekday, index: number, change: Partial<OpeningSpan>) =>
    setDay(
      day,
      hours[day].map((span, i) => (i === index ? { ...span, ...change } : span)),
    );

  return (
    <fieldset
      className="setting opening-hours"
      data-testid="setting-openingHours"
      data-source={source}
      aria-describedby={marker ? markerId : undefined}
      aria-invalid={invalid || undefined}
    >
      <legend>{t('settings.sections.hours')}</legend>
      {marker && (
        <span id={markerId} className={`setting-marker source-${source}`} data-testid="setting-openingHours-marker">
          {marker}
        </span>
      )}
      {invalid && (
        <p className="row-error" role="alert">
          {weekdays
            .filter((day) => hours[day].some((span) => span.opens >= span.closes))
            .map((day) => t('settings.hours.spanError', { day: t(`settings.weekday.${day}`) }))
            .join(' ')}
        </p>
      )}
      {weekdays.map((day) => {
        const dayName = t(`settings.weekday.${day}`);
        return (
          <div key={day} className="opening-day" data-testid={`hours-${day}`}>
            <span className="opening-day-name">{dayName}</span>
            {hours[day].length === 0 && <span className="opening-closed">{t('settings.hours.closed')}</span>}
            {hours[day].map((span, index) => (
              <span key={index} className="opening-span">
                <ClockTimeInput
                  label={index === 0 ? t('settings.hours.opens', { day: dayName }) : t('settings.hours.opensMore', { day: dayName, n: index + 1 })}
                  value={span.opens}
                  disabled={locked}
                  onChange={(opens) => setSpan(day, index, { opens })}
                />
                –
                <ClockTimeInput
                  label={index === 0 ? t('settings.hours.closes', { day: dayName }) : t('settings.hours.closesMore', { day: dayName, n: index + 1 })}
                  value={span.closes}
                  disabled={locked}
                  untilMidnight
                  onChange={(closes) => setSpan(day, index, { closes })}
                />
                {!locked && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t('settings.hours.remove', { day: dayName, opens: span.opens, closes: span.closes })}
                    onClick={() => setDay(day, hours[day].filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                )}
              </span>
            ))}
            {!locked && hours[day].length < 6 && (
              <button type="button" className="link-button" onClick={() => setDay(day, [...hours[day], newSpan])}>
                {t('settings.hours.add', { day: dayName })}
              </button>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
