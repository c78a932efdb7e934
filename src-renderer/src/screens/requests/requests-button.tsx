import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskNow } from '../../data/use-desk-now';
import { useCapabilities } from '../../desk/use-capabilities';
import { useShortcutTarget } from '../../shortcuts/desk-shortcuts';
import { RequestsDialog } from './requests-dialog';
import { useWellhubWaiting } from './use-wellhub-waiting';
import { nextWaitingChange, waitingCount } from './waiting-order';
import './requests.css';

/**
 * The header's way to the Wellhub requests list, with how many wait for the desk. Shown where a
 * connected system answers booking requests or validates visits, or while anything waits; the list
 * opens over the desk, so the roster under it does not move.
 */
export function RequestsButton() {
  const { t } = useTranslation();
  const waiting = useWellhubWaiting();
  // The badge drops the moment a request lapses, not a tick later.
  const nowMs = useDeskNow(15_000, (now) => nextWaitingChange(waiting, now));
  const count = waitingCount(waiting, nowMs);
  const capabilities = useCapabilities();
  const offered = count > 0 || Object.values(capabilities ?? {}).some((can) => can.confirmBookingRequests || can.validateVisit);
  const [open, setOpen] = useState(false);
  const show = useCallback(() => setOpen(true), []);
  const countNow = useCallback(() => count, [count]);

  useShortcutTarget('showRequests', show);
  useShortcutTarget('waitingRequests', countNow);

  if (!offered) return null;
  return (
    <>
      <button
        type="button"
        className={`requests-button${count > 0 ? ' has-waiting' : ''}`}
        data-testid="show-requests"
        aria-label={t('requests.buttonLabel', { count })}
        title={t('requests.buttonLabel', { count })}
        onClick={show}
      >
        <span className="requests-word">{t('requests.button')}</span>
        <span className="count-badge" data-testid="requests-count" data-count={count} aria-hidden="true">
          {count}
        </span>
      </button>
      {open && <RequestsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
