import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../desk/desk-context';
import { describeDeskError } from '../../i18n/words';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'copied' }
  /** The clipboard said no (no permission, page not focused): the text is shown to select by hand. */
  | { kind: 'shown'; text: string }
  | { kind: 'failed'; reason: string };

/**
 * "Copy diagnostics": the report a support person asks for (versions, settings without secrets,
 * connection health, the last log lines), put on the clipboard in one click so it can be pasted
 * into a mail or a chat. The core builds the text and has already taken the secrets out.
 */
export function DiagnosticsButton() {
  const { t } = useTranslation();
  const desk = useDesk();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  async function copy(): Promise<void> {
    setOutcome({ kind: 'working' });
    let text: string;
    try {
      ({ text } = await desk.getDiagnostics({}));
    } catch (error) {
      setOutcome({ kind: 'failed', reason: describeDeskError(t, error) });
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setOutcome({ kind: 'copied' });
    } catch {
      setOutcome({ kind: 'shown', text });
    }
  }

  let message = '';
  if (outcome.kind === 'copied') message = t('connections.diagnostics.copied');
  else if (outcome.kind === 'shown') message = t('connections.diagnostics.clipboardRefused');
  else if (outcome.kind === 'failed') message = t('connections.diagnostics.failed', { reason: outcome.reason });

  return (
    <div className="connections-diagnostics">
      <button type="button" data-testid="diagnostics-copy" disabled={outcome.kind === 'working'} onClick={() => void copy()}>
        {t('connections.diagnostics.copy')}
      </button>
      <p className="desk-message" role="status" data-testid="diagnostics-message">
        {message}
      </p>
      {outcome.kind === 'shown' && (
        <textarea
          className="diagnostics-text"
          data-testid="diagnostics-text"
          aria-label={t('connections.diagnostics.textLabel')}
          readOnly
          rows={12}
          value={outcome.text}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}
