import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../src-shared/connections';
import { useDesk } from '../../desk/desk-context';
import { formatSyncTime, type GymPlace } from '../../i18n/gym-time';
import type { DeskMessage } from '../../store';
import { describeConnectionError, describeScope } from './connection-words';
import { wordMessage } from '../../i18n/message-words';
import { RelayLinkState } from './relay-link-state';
import { ClassLinksSection } from './class-links-section';
import { WellhubPlacesState } from './wellhub-places-state';

interface Props {
  connection: Connection;
  place: GymPlace;
  nowMs: number;
  /** `opener` is the Edit button, which gets focus back when the form closes. */
  onEdit(connection: Connection, opener: HTMLElement): void;
  /** Called once the core has answered a confirmed removal; `removed` is false when it was already gone. */
  onRemoved(connection: Connection, removed: boolean): void;
  /** Every Wellhub connection's id (for the Classes on Wellhub section). */
  wellhubIds?: readonly string[];
}

/** One connected system: what it is, how its syncs go, and what the IT person can do with it. */
export function ConnectionRow({ connection, place, nowMs, onEdit, onRemoved, wellhubIds = [] }: Props) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [testResult, setTestResult] = useState<DeskMessage | null>(null);
  const [testing, setTesting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const { label, health } = connection;

  // The question takes focus as it opens, on the safe answer.
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
  }, [confirming]);

  async function test(): Promise<void> {
    if (testing) return;
    setTesting(true);
    setTestResult({ tone: 'info', text: t('connections.testing') });
    try {
      const result = await desk.testConnection({ id: connection.id });
      setTestResult(
        result.ok
          ? { tone: 'success', text: t('connections.testOk', { message: wordMessage(t, result.message) }) }
          : { tone: 'error', text: t('connections.testFailed', { message: wordMessage(t, result.message) }) },
      );
    } catch (error) {
      setTestResult({ tone: 'error', text: t('connections.testFailed', { message: describeConnectionError(t, error) }) });
    } finally {
      setTesting(false);
    }
  }

  function keep(): void {
    setConfirming(false);
    removeButton.current?.focus();
  }

  async function remove(): Promise<void> {
    if (removing) return;
    setRemoving(true);
    setRemoveError(null);
    try {
      const { removed } = await desk.removeConnection({ id: connection.id });
      onRemoved(connection, removed);
    } catch (error) {
      setRemoveError(t('connections.removeFailed', { label, reason: describeConnectionError(t, error) }));
      setRemoving(false);
      setConfirming(false);
      removeButton.current?.focus();
    }
  }

  function onQuestionKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    keep();
  }

  const facts = [t(`connections.provider.${connection.provider}`), ...describeScope(t, connection)];

  return (
    <li className="connection-row" data-testid="connection-row" data-connection-id={connection.id}>
      <div className="connection-summary">
        <h3 className="connection-label">{label}</h3>
        <p className="connection-facts">
          {facts.map((fact, index) => (
            <span key={`${index}-${fact}`}>{fact}</span>
          ))}
          <span className={connection.hasApiKey ? 'key-stored' : 'key-missing'}>
            {connection.hasApiKey ? t('connections.keyStored') : t('connections.noKey')}
          </span>
        </p>
        <div className="connection-health" data-testid="connection-health" data-state={health.state}>
          <span className="visually-hidden">{t('connections.health.label')}</span>
          <span className={`badge health-${health.state}`}>{t(`connections.health.state.${health.state}`)}</span>
          {health.lastSyncAt && (
            <span>{t('connections.health.lastSync', { time: formatSyncTime(health.lastSyncAt, place, nowMs) })}</span>
          )}
          {health.failingSince && (
            <span data-testid="connection-failing-since">
              {t('connections.health.failingSince', { time: formatSyncTime(health.failingSince, place, nowMs) })}
            </span>
          )}
          {health.state !== 'never_synced' && (
            <span data-testid="connection-rejected" data-count={health.rejectedRecords}>
              {t('connections.health.rejected', { count: health.rejectedRecords })}
            </span>
          )}
          {health.unreadRosters !== undefined && health.unreadRosters > 0 && (
            <span data-testid="connection-unread-rosters" data-count={health.unreadRosters}>
              {t('connections.health.unreadRosters', { count: health.unreadRosters })}
            </span>
          )}
          {health.lastError && (
            <p className="connection-last-error" data-testid="connection-last-error">
              {t('connections.health.lastError', { error: wordMessage(t, health.lastError) })}
            </p>
          )}
        </div>
        {connection.relay && <RelayLinkState link={connection.relay} place={place} nowMs={nowMs} />}
        {connection.wellhubPlaces && <WellhubPlacesState places={connection.wellhubPlaces} place={place} nowMs={nowMs} />}
        {/* What the core warns the IT person of (plain http:// to this PC, and the like). */}
        {connection.warnings?.map((warning, index) => (
          <p key={index} className="connection-warning" data-testid="connection-warning">
            {wordMessage(t, warning)}
          </p>
        ))}
      </div>
      <div className="connection-actions" role="group" aria-label={t('connections.actions', { label })}>
        <button
          type="button"
          data-testid="connection-test"
          aria-label={t('connections.testLabel', { label })}
          aria-disabled={testing || undefined}
          onClick={() => void test()}
        >
          {t('connections.test')}
        </button>
        <button
          type="button"
          data-testid="connection-edit"
          aria-label={t('connections.editLabel', { label })}
          onClick={(event) => onEdit(connection, event.currentTarget)}
        >
          {t('connections.edit')}
        </button>
        <button
          ref={removeButton}
          type="button"
          className="danger"
          data-testid="connection-remove"
          aria-label={t('connections.removeLabel', { label })}
          onClick={() => setConfirming(true)}
        >
          {t('connections.remove')}
        </button>
      </div>
      <p
        className={`desk-message connection-test-result ${testResult ? `tone-${testResult.tone}` : ''}`}
        role="status"
        aria-live="polite"
        data-testid="connection-test-result"
        data-ok={testResult && !testing ? String(testResult.tone === 'success') : undefined}
      >
        {testResult?.text}
      </p>
      {removeError && (
        <p className="row-error connection-remove-error" role="alert">
          {removeError}
        </p>
      )}
      {connection.provider === 'wellhub' && <ClassLinksSection connection={connection} wellhubIds={wellhubIds} />}
      {confirming && (
        <div className="remove-question" role="group" aria-labelledby={questionId} onKeyDown={onQuestionKeyDown}>
          <p id={questionId}>{t('connections.removeQuestion', { label })}</p>
          <div className="form-buttons">
            <button
              type="button"
              className="danger-solid"
              data-testid="connection-remove-confirm"
              aria-disabled={removing || undefined}
              onClick={() => void remove()}
            >
              {t('connections.removeConfirm')}
            </button>
            <button ref={keepButton} type="button" onClick={keep}>
              {t('connections.removeCancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
