import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { localDayOf } from '../../data/local-day';
import { placeOrThisPc } from '../../i18n/gym-time';
import { useDeskStore } from '../../store';
import { downloadText } from '../../ui/download-text';
import { ActivityFilters } from './activity-filters';
import { activityColumns, activityRows, activityTable, filterActivity } from './activity-rows';
import { toCsv } from './csv';
import { useActivity } from './use-activity';
import './activity.css';

interface Props {
  /** The desk's location: its clock tells the time of actions that name no class (Wellhub visits). */
  location: Location | undefined;
  nowMs: number;
}

/** Everything done at this desk, newest first, with the booking system's answers; filter it, export it. */
export function ActivityScreen({ location, nowMs }: Props) {
  const { t } = useTranslation();
  const filter = useDeskStore((state) => state.activityFilter);
  const activity = useActivity();
  const place = placeOrThisPc(location);
  const rows = activity ? activityRows(t, activity.actions, activity.lookups, place) : [];
  const shown = filterActivity(rows, filter);

  function exportCsv(): void {
    const fileName = t('activity.fileName', { day: localDayOf(nowMs, place.timeZone) });
    downloadText(fileName, toCsv(activityTable(t, shown)), 'text/csv;charset=utf-8');
  }

  return (
    <section className="activity-screen" data-testid="activity-screen" aria-labelledby="activity-heading">
      <header className="activity-header">
        <div>
          <h2 id="activity-heading">{t('activity.heading')}</h2>
          <p className="activity-intro">{t('activity.intro')}</p>
        </div>
        <button type="button" data-testid="activity-export" onClick={exportCsv} disabled={shown.length === 0}>
          {t('activity.export')}
        </button>
      </header>
      <ActivityFilters />
      <p className="activity-count" role="status" data-testid="activity-count">
        {activity && rows.length > 0 && t('activity.shown', { count: shown.length, total: rows.length })}
      </p>
      {activity && rows.length === 0 && <p className="empty">{t('activity.empty')}</p>}
      {rows.length > 0 && shown.length === 0 && <p className="empty">{t('activity.noneMatch')}</p>}
      {shown.length > 0 && (
        <div className="activity-table-wrap">
          <table className="activity-table" aria-label={t('activity.tableLabel')}>
            <thead>
              <tr>
                {activityColumns.map((column) => (
                  <th key={column} scope="col">
                    {t(`activity.column.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr
                  key={row.action.id}
                  className={row.action.state === 'needs_attention' ? 'is-attention' : undefined}
                  data-testid="activity-row"
                  data-action-id={row.action.id}
                  data-state={row.action.state}
                  data-kind={row.action.kind}
                >
                  <td className="activity-time">{row.time}</td>
                  <td>{row.what}</td>
                  <td>{row.who}</td>
                  <td>{row.session}</td>
                  <td>
                    <span className={`activity-state state-${row.action.state}`}>{row.state}</span>
                  </td>
                  <td>{row.reason}</td>
                  <td>{row.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
