import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { useDesk } from '../../desk/desk-context';
import { openTodaysRosters, type PaperPage, type RostersOutcome } from '../../desk/todays-rosters';
import { describeDeskError } from '../../i18n/words';
import { wordMessage } from '../../i18n/message-words';

interface Props {
  location: Location;
  /** The page's ways to open a PDF; tests hand in their own. */
  page?: PaperPage;
}

/** Today's classes of the location with their rosters as one PDF, to print: the outage kit, written now. */
export function TodaysRostersButton({ location, page }: Props) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  function say(outcome: RostersOutcome): void {
    if (outcome.kind === 'opened') setNote({ tone: 'success', text: t('paper.opened') });
    else if (outcome.kind === 'downloaded') setNote({ tone: 'success', text: t('paper.downloaded') });
    else if (outcome.kind === 'none') setNote({ tone: 'error', text: t('paper.noneWritten') });
    else if (outcome.kind === 'refused') setNote({ tone: 'error', text: t('paper.failed', { reason: t('errors.invalid_input') }) });
    else setNote({ tone: 'error', text: t('paper.failed', { reason: outcome.said ? wordMessage(t, outcome.said) : outcome.reason }) });
  }

  async function open(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setNote({ tone: 'success', text: t('paper.writing') });
    try {
      say(await openTodaysRosters(location.id, desk, page));
    } catch (error) {
      setNote({ tone: 'error', text: t('paper.failed', { reason: describeDeskError(t, error) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="todays-rosters">
      <button
        type="button"
        data-testid="todays-rosters"
        aria-label={t('paper.todaysRostersOf', { location: location.name })}
        aria-disabled={busy || undefined}
        onClick={() => void open()}
      >
        {t('paper.todaysRosters')}
      </button>
      <p className={`todays-rosters-note${note ? ` tone-${note.tone}` : ''}`} role="status" data-testid="todays-rosters-note">
        {note?.text}
      </p>
    </div>
  );
}
