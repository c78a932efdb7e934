import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RelayLink } from '../../../../src-shared/connections';
import type { GymPlace } from '../../i18n/gym-time';
import { TextField } from '../../ui/text-field';
import { RelayLinkState } from './relay-link-state';

interface Props {
  relayUrl: string;
  relayDeskToken: string;
  /** A desk token is stored: the field may stay empty to keep it. */
  tokenStored: boolean;
  urlError: string | undefined;
  tokenError: string | undefined;
  onChange(name: 'relayUrl' | 'relayDeskToken', value: string): void;
  /** The link as the core reports it now, for a connection that has one. */
  link: RelayLink | undefined;
  place: GymPlace;
  nowMs: number;
}

/**
 * Wellhub's webhooks reach a reception PC only through the organisation's relay: its address and this
 * desk's token (write-only: typed here, sent once, never shown again), and how the link stands.
 */
export function RelayFields({ relayUrl, relayDeskToken, tokenStored, urlError, tokenError, onChange, link, place, nowMs }: Props) {
  const { t } = useTranslation();
  const helpId = useId();
  return (
    <fieldset className="relay-fields" data-testid="relay-fields" aria-describedby={helpId}>
      <legend>{t('connections.relay.heading')}</legend>
      <p id={helpId} className="hint">
        {t('connections.relay.help')}
      </p>
      <TextField
        label={t('connections.form.optional', { label: t('connections.relay.url') })}
        hint={t('connections.relay.urlHint')}
        error={urlError}
        value={relayUrl}
        onChange={(value) => onChange('relayUrl', value)}
        testId="connection-relay-url"
        type="url"
        plain
      />
      <TextField
        label={t('connections.relay.token')}
        hint={tokenStored ? t('connections.relay.tokenHintKeep') : t('connections.relay.tokenHintNew')}
        error={tokenError}
        required={relayUrl.trim() !== '' && !tokenStored}
        value={relayDeskToken}
        onChange={(value) => onChange('relayDeskToken', value)}
        testId="connection-relay-token"
        type="password"
        plain
      />
      {link && <RelayLinkState link={link} place={place} nowMs={nowMs} live />}
    </fieldset>
  );
}
