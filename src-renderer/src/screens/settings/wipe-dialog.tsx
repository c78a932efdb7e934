import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../desk/desk-context';
import { deskErrorCode } from '../../desk/desk-error';
import { describeDeskError } from '../../i18n/words';
import { DialogFooter } from '../../ui/dialog-footer';
import { ModalDialog } from '../../ui/modal-dialog';

interface Props {
  /** Desk actions the page knows are still waiting to be sent: a wipe loses them. */
  waiting: number;
  onClose(): void;
  /** The core has wiped: the page drops its cache and starts again. */
  onWiped(): void;
}

/**
 * The last question before the desk forgets everything: the word typed out, so a stray Enter or a
 * click meant for another button can never wipe a gym's desk, and a tick for actions still waiting.
 */
export function WipeDialog({ waiting, onClose, onWiped }: Props) {
  const { t } = useTranslation();
  const desk = useDesk();
  const explainId = useId();
  const wordId = useId();
  const loseId = useId();
  const [word, setWord] = useState('');
  const [loseWaiting, setLoseWaiting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = word.trim().toUpperCase() === t('settings.wipe.confirmWord') && (waiting === 0 || loseWaiting) && !busy;

  async function wipe(): Promise<void> {
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      await desk.wipeLocalData({ discardWaiting: loseWaiting });
      onWiped();
    } catch (failure) {
      // The core counts too: an action queued since this dialog opened is refused here, not lost.
      setError(
        deskErrorCode(failure) === 'conflict'
          ? t('settings.wipe.refusedWaiting')
          : t('settings.wipe.failed', { reason: describeDeskError(t, failure) }),
      );
      setBusy(false);
    }
  }

  return (
    <ModalDialog title={t('settings.wipe.title')} testId="wipe-dialog" onClose={onClose} describedBy={explainId}>
      <p id={explainId}>{t('settings.wipe.explain')}</p>
      {waiting > 0 && (
        <>
          <p className="dialog-warning" data-testid="wipe-waiting">
            {t('settings.wipe.waiting', { count: waiting })}
          </p>
          <div className="setting setting-checkbox">
            <input id={loseId} type="checkbox" checked={loseWaiting} onChange={(event) => setLoseWaiting(event.target.checked)} />
            <label htmlFor={loseId}>{t('settings.wipe.loseWaiting')}</label>
          </div>
        </>
      )}
      <div className="setting">
        <label htmlFor={wordId}>{t('settings.wipe.typeToConfirm')}</label>
        <input
          id={wordId}
          data-testid="wipe-word"
          data-autofocus
          autoComplete="off"
          value={word}
          onChange={(event) => setWord(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void wipe();
          }}
        />
      </div>
      <DialogFooter
        error={error}
        backLabel={t('settings.wipe.cancel')}
        onBack={onClose}
        confirmLabel={busy ? t('settings.wipe.wiping') : t('settings.wipe.confirm')}
        confirmTestId="wipe-confirm"
        unavailable={!ready}
        onConfirm={() => void wipe()}
      />
    </ModalDialog>
  );
}
