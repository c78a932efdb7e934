import {
  ConnectionSettings,
  ProviderKind,
  SaveConnectionInput,
  type Connection,
  type ProviderKind as Provider,
} from '../../../../src-shared/connections';

/** The systems in the order the form offers them. */
export const providers: readonly Provider[] = ProviderKind.options;

export type ScopeKind = 'center' | 'gym' | 'location';

/** What one system needs from the IT person besides a name and a key. */
export interface ProviderFields {
  /** Magicline and PerfectGym address their API by tenant: `https://<tenant>.<host>`. A base URL can stand in for it. */
  tenant: { host: string } | null;
  /** The provider's own id for the place this desk serves, if it has one. */
  scope: { kind: ScopeKind; required: boolean } | null;
  /**
   * required: the system sends times without a zone (Zenoti centers).
   * shown: the system sends none either (Wellhub), so the field sits with the others; the core has the last word.
   * advanced: an override for a system that sends its own.
   */
  timeZone: 'required' | 'shown' | 'advanced';
}

export const providerFields: Record<Provider, ProviderFields> = {
  magicline: { tenant: { host: 'open-api.magicline.com' }, scope: null, timeZone: 'advanced' },
  perfectgym: { tenant: { host: 'open-api.perfectgym.com' }, scope: null, timeZone: 'advanced' },
  zenoti: { tenant: null, scope: { kind: 'center', required: true }, timeZone: 'required' },
  whautomate: { tenant: null, scope: { kind: 'location', required: false }, timeZone: 'advanced' },
  wellhub: { tenant: null, scope: { kind: 'gym', required: true }, timeZone: 'shown' },
};

/** A tenant is the first label of a host name. */
const tenantShape = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The form's fields as typed; every one a string so the inputs stay controlled. */
export interface FormValues {
  provider: Provider;
  label: string;
  tenant: string;
  baseUrl: string;
  scopeId: string;
  timeZone: string;
  apiKey: string;
  /** Wellhub only: the organisation's relay and this desk's token for it (write-only, like the key). */
  relayUrl: string;
  relayDeskToken: string;
  /** The demo's own Wellhub side (ConnectionSettings.demo): no field, kept as it was so an edit keeps the demo studio. */
  demo?: true;
}

export type FieldName = Exclude<keyof FormValues, 'provider' | 'demo'>;

/** Why a field was refused; the screen turns these into words. */
export type FieldProblem =
  | 'label'
  | 'tenant'
  | 'tenantShape'
  | 'scopeId'
  | 'scopeIdTooLong'
  | 'timeZone'
  | 'timeZoneUnknown'
  | 'baseUrl'
  | 'apiKey'
  | 'apiKeyTooLong'
  | 'relayUrl'
  | 'relayDeskToken'
  | 'relayDeskTokenShape';

export type FieldProblems = Partial<Record<FieldName, FieldProblem>>;

export function emptyValues(provider: Provider = 'magicline'): FormValues {
  return { provider, label: '', tenant: '', baseUrl: '', scopeId: '', timeZone: '', apiKey: '', relayUrl: '', relayDeskToken: '' };
}

/** Which systems reach the desk through the organisation's relay (relay/README.md). */
export function usesRelay(provider: Provider): boolean {
  return provider === 'wellhub';
}

/** An existing connection's settings in the form; the key and token fields always start empty. */
export function valuesOf(connection: Connection): FormValues {
  return {
    provider: connection.provider,
    label: connection.label,
    tenant: connection.tenant ?? '',
    baseUrl: connection.baseUrl ?? '',
    scopeId: connection.scopeId ?? '',
    timeZone: connection.timeZone ?? '',
    apiKey: '',
    relayUrl: connection.relayUrl ?? '',
    relayDeskToken: '',
    ...(connection.demo ? { demo: true } : {}),
  };
}

const maxIdLength = 64;

/** A fresh random suffix of lower-case letters and digits, so two "Berlin" connections never collide. */
export function randomSuffix(length = 6): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The label as an id: "Magicline – Berlin Mitte" → "magicline-berlin-mitte". */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A new connection's id: the label's slug plus the suffix, within the contract's 64 characters. */
export function newConnectionId(label: string, provider: Provider, suffix: string): string {
  const base = slugOf(label) || provider;
  const room = maxIdLength - suffix.length - 1;
  return `${base.slice(0, room).replace(/-+$/, '')}-${suffix}`;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones the form suggests; a runtime without the list still accepts anything typed. */
export function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export interface Checked {
  settings: ConnectionSettings | null;
  /** Present only when one was typed; an empty field keeps the stored key. */
  apiKey: string | undefined;
  /** The same for the relay's desk token. */
  relayDeskToken: string | undefined;
  problems: FieldProblems;
}

const limits = { scopeId: 200, apiKey: 4096 } as const;

/**
 * Turns the form into what saveConnection takes, or says which fields are not
 * right yet. Only the fields the chosen system uses are sent; the contract's
 * own schema has the last word before anything leaves the screen.
 */
export function checkForm(values: FormValues, id: string, keyStored: boolean, relayTokenStored = false): Checked {
  const fields = providerFields[values.provider];
  const problems: FieldProblems = {};
  const label = values.label.trim();
  const tenant = fields.tenant ? values.tenant.trim() : '';
  const baseUrl = values.baseUrl.trim();
  const scopeId = fields.scope ? values.scopeId.trim() : '';
  const timeZone = values.timeZone.trim();
  const apiKey = values.apiKey.trim();
  const relay = usesRelay(values.provider);
  const relayUrl = relay ? values.relayUrl.trim() : '';
  const relayDeskToken = relay ? values.relayDeskToken.trim() : '';

  if (!label || label.length > 100) problems.label = 'label';
  if (fields.tenant && !tenant && !baseUrl) problems.tenant = 'tenant';
  if (tenant && !tenantShape.test(tenant)) problems.tenant = 'tenantShape';
  if (fields.scope?.required && !scopeId) problems.scopeId = 'scopeId';
  if (scopeId.length > limits.scopeId) problems.scopeId = 'scopeIdTooLong';
  if (fields.timeZone === 'required' && !timeZone) problems.timeZone = 'timeZone';
  else if (timeZone && !isTimeZone(timeZone)) problems.timeZone = 'timeZoneUnknown';
  if (!apiKey && !keyStored) problems.apiKey = 'apiKey';
  if (apiKey.length > limits.apiKey) problems.apiKey = 'apiKeyTooLong';
  // A relay without a token would only ever be refused; a token without a relay has nowhere to go.
  if (relayUrl && !relayDeskToken && !relayTokenStored) problems.relayDeskToken = 'relayDeskToken';
  if (relayDeskToken && !SaveConnectionInput.shape.relayDeskToken.safeParse(relayDeskToken).success) problems.relayDeskToken = 'relayDeskTokenShape';
  if (relayDeskToken && !relayUrl) problems.relayUrl = 'relayUrl';

  const candidate = {
    id,
    provider: values.provider,
    label,
    ...(baseUrl ? { baseUrl } : {}),
    ...(tenant ? { tenant } : {}),
    ...(scopeId ? { scopeId } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(relayUrl ? { relayUrl } : {}),
    ...(values.demo ? { demo: true } : {}),
  };
  const parsed = ConnectionSettings.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'baseUrl') problems.baseUrl ??= 'baseUrl';
      else if (field === 'label') problems.label ??= 'label';
      else if (field === 'tenant') problems.tenant ??= 'tenantShape';
      else if (field === 'scopeId') problems.scopeId ??= 'scopeIdTooLong';
      else if (field === 'timeZone') problems.timeZone ??= 'timeZoneUnknown';
      else if (field === 'relayUrl') problems.relayUrl ??= 'relayUrl';
    }
  }
  const ok = parsed.success && Object.keys(problems).length === 0;
  return { settings: ok ? parsed.data : null, apiKey: apiKey || undefined, relayDeskToken: relayDeskToken || undefined, problems };
}
