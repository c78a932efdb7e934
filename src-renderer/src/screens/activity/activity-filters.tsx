import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { DeskActionKind, DeskActionState } from '../../../../src-shared/domain';
import { useDeskStore, type ActivityFilter } from '../../store';

/** State, kind and free text: what the Activity list (and its export) shows. */
export function ActivityFilters() {
  const { t } = useTranslation();
  const { filter, filterActivity } = useDeskStore(
    useShallow((state) => ({ filter: state.activityFilter, filterActivity: state.filterActivity })),
  );
  const stateId = useId();
  const kindId = useId();
  const textId = useId();
  const textHintId = useId();

  return (
    <div className="activity-filters" role="group" aria-label={t('activity.filters')}>
      <div className="field">
        <label htmlFor={stateId}>{t('activity.stateFilter')}</label>
        <select
          id={stateId}
          data-testid="activity-filter-state"
          value={filter.state}
          onChange={(event) => filterActivity({ state: event.target.value as ActivityFilter['state'] })}
        >
          <option value="all">{t('activity.all')}</option>
          {DeskActionState.options.map((state) => (
            <option key={state} value={state}>
              {t(`actions.state.${state}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={kindId}>{t('activity.kindFilter')}</label>
        <select
          id={kindId}
          data-testid="activity-filter-kind"
          value={filter.kind}
          onChange={(event) => filterActivity({ kind: event.target.value as ActivityFilter['kind'] })}
        >
          <option value="all">{t('activity.all')}</option>
          {DeskActionKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`actions.kind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field activity-text-filter">
        <label htmlFor={textId}>{t('activity.textFilter')}</label>
        <input
          id={textId}
          data-testid="activity-filter-text"
          type="search"
          autoComplete="off"
          aria-describedby={textHintId}
          value={filter.text}
          onChange={(event) => filterActivity({ text: event.target.value })}
        />
        <p id={textHintId} className="hint">
          {t('activity.textFilterHint')}
        </p>
      </div>
    </div>
  );
}
