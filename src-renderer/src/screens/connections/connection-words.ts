import type { TFunction } from 'i18next';
import type { Connection } from '../../../../src-shared/connections';
import { deskErrorCode, deskErrorSaid } from '../../desk/desk-error';
import { wordMessage } from '../../i18n/message-words';
import { providerFields } from './connection-fields';

/**
 * A failed connection command in plain words. The core words its refusals of
 * settings for the person at the desk ("Enter the API key…"), so those are
 * shown as they come; everything else gets the desk's own sentence.
 *
 * `secrets` are whatever the person typed into the key and token fields: should
 * the core ever echo one back, the message is dropped rather than shown.
 */
export function describeConnectionError(t: TFunction, error: unknown, secrets: string | readonly (string | undefined)[] = []): string {
  const code = deskErrorCode(error);
  if (code === 'invalid_input' || code === 'conflict') {
    const said = deskErrorSaid(error);
    const message = said ? wordMessage(t, said) : '';
    const typed = typeof secrets === 'string' ? [secrets] : secrets;
    const leaks = typed.some((secret) => secret !== undefined && secret.length > 0 && message.includes(secret));
    if (message && !leaks) return message;
    return t(code === 'invalid_input' ? 'connections.errors.invalidInput' : 'connections.errors.conflict');
  }
  if (code === 'not_found') return t('connections.errors.notFound');
  return t(`errors.${code}`);
}

/** The place a connection serves, as the list shows it: tenant, center, gym or location. */
export function describeScope(t: TFunction, connection: Connection): string[] {
  const parts: string[] = [];
  if (connection.tenant) parts.push(t('connections.scope.tenant', { value: connection.tenant }));
  if (connection.scopeId) {
    const kind = providerFields[connection.provider].scope?.kind ?? 'location';
    parts.push(t(`connections.scope.${kind}`, { value: connection.scopeId }));
  } else if (connection.provider === 'whautomate') {
    parts.push(t('connections.scope.allLocations'));
  }
  if (connection.timeZone) parts.push(t('connections.scope.timeZone', { value: connection.timeZone }));
  if (connection.baseUrl) parts.push(t('connections.scope.baseUrl', { value: connection.baseUrl }));
  if (connection.relayUrl) parts.push(t('connections.scope.relay', { value: connection.relayUrl }));
  return parts;
}
