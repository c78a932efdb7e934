import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection } from '../../../../src-shared/connections';
import type { Location } from '../../../../src-shared/domain';
import { placeOrThisPc } from '../../i18n/gym-time';
import { describeDeskError } from '../../i18n/words';
import type { DeskMessage } from '../../store';
import { ConnectionForm } from './connection-form';
import { ConnectionRow } from './connection-row';
import { DiagnosticsButton } from './diagnostics-button';
import { useConnections } from './use-connections';
import './connections.css';

interface Props {
  /** The desk's chosen location: sync times are told by its clock, like the status strip's. */
  location: Location | undefined;
  nowMs: number;
}

interface OpenForm {
  /** A fresh form (and a fresh, empty key field) every time one opens. */
  key: number;
  connection: Connection | undefined;
  /** Where focus goes back to when the form closes. */
  opener: HTMLElement | null;
}

/** Where the IT person adds, edits, tests and removes the gym's connections to its booking systems. */
export function ConnectionsScreen({ location, nowMs }: Props) {
  const { t } = useTranslation();
  const { connections, loadError, reload, saved, removed } = useConnections();
  const [form, setForm] = useState<OpenForm | null>(null);
  const [notice, setNotice] = useState<DeskMessage | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const forms = useRef(0);
  // Where focus goes once the closed form or the removed row has left the page.
  const focusAfterClose = useRef<HTMLElement | null>(null);
  const place = placeOrThisPc(location);

  // In the commit that removes the form or the row, so focus never rests on the page body in between.
  useLayoutEffect(() => {
    const target = focusAfterClose.current;
    if (!target) return;
    focusAfterClose.current = null;
    (target.isConnected ? target : heading.current)?.focus();
  });

  function openForm(connection: Connection | undefined, opener: HTMLElement | null): void {
    forms.current += 1;
    setForm({ key: forms.current, connection, opener });
    setNotice(null);
  }

  function closeForm(): void {
    focusAfterClose.current = form?.opener ?? heading.current;
    setForm(null);
  }

  function onSaved(connection: Connection): void {
    saved(connection);
    setNotice({ tone: 'success', text: t('connections.saved', { label: connection.label }) });
    closeForm();
  }

  function onRemoved(connection: Connection, wasThere: boolean): void {
    removed(connection.id);
    if (form?.connection?.id === connection.id) setForm(null);
    setNotice({
      tone: 'success',
      text: t(wasThere ? 'connections.removed' : 'connections.alreadyRemoved', { label: connection.label }),
    });
    // The row and its buttons are gone; the heading is the nearest steady place.
    focusAfterClose.current = heading.current;
  }

  let list;
  const wellhubIds = (connections ?? []).filter((c) => c.provider === 'wellhub').map((c) => c.id);
  if (connections === undefined) {
    list = loadError ? (
      <div className="connections-load-error">
        <p className="row-error" role="alert">
          {t('connections.loadFailed', { reason: describeDeskError(t, loadError) })}
        </p>
        <button type="button" onClick={reload}>
          {t('connections.retry')}
        </button>
      </div>
    ) : (
      <p className="empty" role="status">
        {t('connections.loading')}
      </p>
    );
  } else if (connections.length === 0) {
    list = (
      <p className="empty connections-empty" data-testid="connections-empty">
        {t('connections.empty')}
      </p>
    );
  } else {
    list = (
      <ul className="connection-list" aria-label={t('connections.listLabel')}>
        {connections.map((connection) => (
          <ConnectionRow
            key={connection.id}
            connection={connection}
            place={place}
            nowMs={nowMs}
            onEdit={openForm}
            onRemoved={onRemoved}
            wellhubIds={wellhubIds}
          />
        ))}
      </ul>
    );
  }

  return (
    <section className="connections-screen" aria-labelledby="connections-heading" data-testid="connections-screen">
      <header className="connections-header">
        <div>
          <h2 id="connections-heading" ref={heading} tabIndex={-1}>
            {t('connections.heading')}
          </h2>
          <p className="connections-intro">{t('connections.intro')}</p>
        </div>
        <button type="button" className="primary" data-testid="connection-add" onClick={(event) => openForm(undefined, event.currentTarget)}>
          {t('connections.add')}
        </button>
      </header>
      <p
        className={`desk-message connections-message ${notice ? `tone-${notice.tone}` : ''}`}
        role="status"
        data-testid="connections-message"
      >
        {notice?.text}
      </p>
      {form && (
        <ConnectionForm
          key={form.key}
          connection={form.connection}
          onSaved={onSaved}
          onCancel={closeForm}
          relayLink={connections?.find((known) => known.id === form.connection?.id)?.relay ?? form.connection?.relay}
          place={place}
          nowMs={nowMs}
        />
      )}
      {list}
      <DiagnosticsButton />
    </section>
  );
}
