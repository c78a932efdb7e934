import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';

interface Props {
  locations: readonly Location[];
  location: Location | undefined;
  onChoose(locationId: string): void;
}

export function LocationSelect({ locations, location, onChoose }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('today.location')}</label>
      <select
        id={id}
        data-testid="location-select"
        value={location?.id ?? ''}
        onChange={(event) => onChoose(event.target.value)}
      >
        {locations.map((place) => (
          <option key={place.id} value={place.id}>
            {place.name}
          </option>
        ))}
      </select>
    </div>
  );
}
