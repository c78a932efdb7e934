import { useTranslation } from 'react-i18next';
import type { WellhubPlaces } from '../../../../src-shared/connections';
import { formatSyncTime, type GymPlace } from '../../i18n/gym-time';
import { wordMessage } from '../../i18n/message-words';

/** Places of linked classes Wellhub has not been told yet (tried again by the core): never a silent loss. */
export function WellhubPlacesState({ places, place, nowMs }: { places: WellhubPlaces; place: GymPlace; nowMs: number }) {
  const { t } = useTranslation();
  const time = places.failingSince ? formatSyncTime(places.failingSince, place, nowMs) : '';
  const reason = places.lastError ? wordMessage(t, places.lastError, { place }) : '';
  return (
    <p className="connection-warning" role="status" data-testid="wellhub-places-failing">
      {t('connections.classLinks.placesFailing', { count: places.waiting, time, reason })}
    </p>
  );
}
