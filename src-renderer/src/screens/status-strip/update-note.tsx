import { useTranslation } from 'react-i18next';
import { formatSyncTime, type GymPlace } from '../../i18n/gym-time';
import { useDeskStore } from '../../store';

interface Props {
  place: GymPlace;
  nowMs: number;
}

/** "Update 1.2.0 ready — restarts after closing, at 23:00": so nobody is surprised by the restart. */
export function UpdateNote({ place, nowMs }: Props) {
  const { t } = useTranslation();
  const update = useDeskStore((state) => state.update);
  if (update.state !== 'ready') return null;
  const text = update.installAt
    ? t('status.updateReadyAt', { version: update.version, time: formatSyncTime(update.installAt, place, nowMs) })
    : t('status.updateReadyNoTime', { version: update.version });
  return (
    <span className="update-ready" role="status" data-testid="update-ready">
      {text}
    </span>
  );
}
