import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { closePinPattern, type DeskCloseApi } from '../../../../src-shared/front-desk';
import { DialogFooter } from '../../ui/dialog-footer';
import { ModalDialog } from '../../ui/modal-dialog';
import './close-pin.css';

declare global {
  interface Window {
    /** Set by the Electron preload for front-desk mode's PIN; absent in browser mode, which has no window to close. */
    classdeskClose?: DeskCloseApi;
  }
}

interface Props {
  /** The preload's close API; undefined in browser mode, where the prompt never appears. */
  close: DeskCloseApi | undefined;
}

/**
 * Front-desk mode with a PIN in policy: closing Classdesk (the window, the tray's Quit…) makes main
 * ask the page for the PIN, since Electron's own boxes take no text. This prompt only passes the
 * PIN on; main checks it, counts the wrong ones and closes the app.
 */
export function ClosePinPrompt({ close }: Props) {
  const [asked, setAsked] = useState(false);
  useEffect(() => close?.onPinAsked(() => setAsked(true)), [close]);
  if (!close || !asked) return null;
  return <ClosePinDialog close={close} onDone={() => setAsked(false)} />;
}

function ClosePinDialog({ close, onDone }: { close: DeskCloseApi; onDone(): void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [state, setState] = useState<'typing' | 'checking' | 'closing'>('typing');
  const [error, setError] = useState<string | null>(null);
  const fieldId = useId();
  const hintId = useId();
  const aboutId = useId();

  async function submit(): Promise<void> {
    if (state !== 'typing') return;
    if (!closePinPattern.test(pin)) {
      setError(t('closePin.notAPin'));
      return;
    }
    setState('checking');
    setError(null);
    try {
      const answer = await close.submitPin(pin);
      setPin('');
      if (answer.outcome === 'accepted') {
        // Main is closing the app: nothing more to do here.
        setState('closing');
        return;
      }
      setState('typing');
      if (answer.outcome === 'not-asked') onDone();
      else if (answer.outcome === 'wrong') setError(t('closePin.wrong', { count: answer.triesLeft }));
      else if (answer.outcome === 'paused') setError(t('closePin.paused', { count: answer.retryAfterSeconds }));
      else setError(t('closePin.refused'));
    } catch (problem) {
      setState('typing');
      setError(t('closePin.failed', { reason: problem instanceof Error ? problem.message : String(problem) }));
    }
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  return (
    <ModalDialog title={t('closePin.heading')} testId="close-pin-dialog" onClose={onDone} describedBy={aboutId}>
      <p id={aboutId}>{t('closePin.about')}</p>
      {/* A form, so Enter in the field sends the PIN. */}
      <form className="dialog-field" onSubmit={onSubmit}>
        <label htmlFor={fieldId}>{t('closePin.label')}</label>
        <input
          id={fieldId}
          data-testid="close-pin-input"
          data-autofocus
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          aria-describedby={hintId}
          aria-invalid={error !== null || undefined}
          value={pin}
          onChange={(event) => setPin(event.target.value)}
        />
        <p id={hintId} className="hint">
          {t('closePin.hint')}
        </p>
      </form>
      <DialogFooter
        error={error}
        backLabel={t('closePin.keepOpen')}
        onBack={onDone}
        confirmLabel={state === 'closing' ? t('closePin.closing') : state === 'checking' ? t('closePin.checking') : t('closePin.close')}
        confirmTestId="close-pin-confirm"
        unavailable={state !== 'typing'}
        onConfirm={() => void submit()}
      />
    </ModalDialog>
  );
}
