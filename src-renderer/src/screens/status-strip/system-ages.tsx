import { useTranslation } from 'react-i18next';
import type { ConnectionFreshness } from '../../../../src-shared/domain';
import { formatSyncTime, type GymPlace } from '../../i18n/gym-time';

interface Props {
  systems: ConnectionFreshness[];
  /** Failing systems are named as unreachable; otherwise (core gone) each says how old its data is. */
  failing: boolean;
  place: GymPlace;
  nowMs: number;
}

/** One line per booking system: which one fails and since when, and how old the data on screen is. */
export function SystemAges({ systems, failing, place, nowMs }: Props) {
  const { t } = useTranslation();
  if (systems.length === 0) return null;
  const time = (instant: string) => formatSyncTime(instant, place, nowMs);

  function line(system: ConnectionFreshness): string {
    const age = system.lastSyncAt ? t('status.dataFrom', { time: time(system.lastSyncAt) }) : t('status.noData');
    if (!failing) return t('status.savedLine', { label: system.label, age });
    const what = system.failingSince
      ? t('status.unreachableSince', { label: system.label, since: time(system.failingSince) })
      : t('status.unreachable', { label: system.label });
    return t('status.failingLine', { what, age });
  }

  return (
    <ul className="system-ages" aria-label={t('status.systems')} data-testid="system-ages">
      {systems.map((system) => (
        <li key={system.id} data-connection-id={system.id} data-state={system.state}>
          {line(system)}
        </li>
      ))}
    </ul>
  );
}
