import { useTranslation } from 'react-i18next';
import { useDeskSecond } from '../../data/desk-second';
import { formatClockTime, placeOrThisPc } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import { formatCountdown } from './request-deadlines';
import type { WaitingVisit } from './use-wellhub-waiting';
import { visitorIdOf } from './waiting-order';

interface Props {
  waiting: WaitingVisit;
  /** A validation of this visit is on its way. */
  busy: boolean;
  /** The desk sent it and the core took it; the visit leaves the list once the core marks it validated. */
  sent: boolean;
  onValidate(waiting: WaitingVisit, visitorId: string): void;
}

/** A member at the door who checked in in the Wellhub app: since when, how long Wellhub waits, and Validate. */
export function VisitRow({ waiting, busy, sent, onValidate }: Props) {
  const { t } = useTranslation();
  const nowMs = useDeskSecond();
  const { visit, member, location } = waiting;
  const name = memberName(t, member);
  const place = placeOrThisPc(location);
  const visitorId = visitorIdOf(member);
  const facts = [t('requests.visit.checkedInAt', { time: formatClockTime(visit.checkedInAt, place) }), visit.product].filter(Boolean).join(' · ');
  return (
    <li className="waiting-row" data-testid="visit-row" data-visit-id={visit.id}>
      <span className="waiting-who">
        <span className="member-name">{name}</span>
        <span className="waiting-what">{facts}</span>
      </span>
      <span className="waiting-clock">
        <span
          className="request-countdown"
          role="timer"
          data-testid="visit-countdown"
          title={t('requests.visit.validateByAt', { time: formatClockTime(visit.validateBy, place) })}
        >
          <span className="countdown-line">{t('requests.visit.validateWithin', { time: formatCountdown(Date.parse(visit.validateBy) - nowMs) })}</span>
        </span>
        {sent && <span className="badge badge-pending">{t('roster.pendingAction.validate_visit')}</span>}
        {!visitorId && <span className="row-attention">{t('requests.visit.noWellhubId')}</span>}
      </span>
      <span className="row-action">
        {visitorId && !sent && (
          <button
            type="button"
            className="primary"
            data-testid="action-validate-visit"
            aria-disabled={busy || undefined}
            aria-label={t('requests.visit.validateFor', { name })}
            onClick={() => {
              if (!busy) onValidate(waiting, visitorId);
            }}
          >
            {t('requests.visit.validate')}
          </button>
        )}
      </span>
    </li>
  );
}
