import { useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection, ProviderKind, RelayLink } from '../../../../src-shared/connections';
import type { GymPlace } from '../../i18n/gym-time';
import { useDesk } from '../../desk/desk-context';
import {
  checkForm,
  emptyValues,
  knownTimeZones,
  newConnectionId,
  providerFields,
  providers,
  randomSuffix,
  usesRelay,
  valuesOf,
  type FieldName,
  type FieldProblem,
  type FieldProblems,
  type FormValues,
} from './connection-fields';
import { TextField } from '../../ui/text-field';
import { describeConnectionError } from './connection-words';
import { RelayFields } from './relay-fields';

interface Props {
  /** The connection to edit; none adds a new one. */
  connection: Connection | undefined;
  onSaved(connection: Connection): void;
  onCancel(): void;
  /** The relay link as the core reports it now (it changes while the form is open). */
  relayLink?: RelayLink | undefined;
  place: GymPlace;
  nowMs: number;
}

/**
 * Adds or edits one connection. The API key lives only in this form's own
 * state: it goes to the core once, on save, and disappears with the form.
 */
export function ConnectionForm({ connection, onSaved, onCancel, relayLink, place, nowMs }: Props) {
  const { t } = useTranslation();
  const desk = useDesk();
  const editing = connection !== undefined;
  const keyStored = connection?.hasApiKey ?? false;
  const relayTokenStored = connection?.hasRelayToken ?? false;
  const [values, setValues] = useState<FormValues>(() => (connection ? valuesOf(connection) : emptyValues()));
  const [advancedOpen, setAdvancedOpen] = useState(() =>
    Boolean(connection?.baseUrl || (connection?.timeZone && providerFields[connection.provider].timeZone === 'advanced')),
  );
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Picked once per form, so saving again after a timeout updates the same connection rather than adding a twin.
  const [suffix] = useState(() => randomSuffix());
  const zones = useMemo(() => knownTimeZones(), []);
  const zonesId = useId();
  // Some four hundred options: built once, not on every keystroke.
  const zoneList = useMemo(
    () =>
      zones.length > 0 && (
        <datalist id={zonesId}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      ),
    [zones, zonesId],
  );
  const headingId = useId();
  const providerId = useId();
  const providerHintId = useId();
  const advancedId = useId();
  const errorId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // What gets focus after the next render: the first field of a fresh form, or the first one refused.
  const focusPending = useRef<'first' | 'invalid' | null>('first');

  const fields = providerFields[values.provider];
  const scope = fields.scope;
  const zoneInAdvanced = fields.timeZone === 'advanced';

  useLayoutEffect(() => {
    const pending = focusPending.current;
    if (!pending) return;
    focusPending.current = null;
    const selector = pending === 'first' ? 'select:enabled, input:enabled' : '[aria-invalid="true"]';
    formRef.current?.querySelector<HTMLElement>(selector)?.focus();
  });

  function change(name: FieldName, value: string): void {
    setValues((current) => ({ ...current, [name]: value }));
    setProblems((current) => (current[name] ? { ...current, [name]: undefined } : current));
  }

  function chooseProvider(provider: ProviderKind): void {
    setValues((current) => ({ ...current, provider }));
    setProblems({});
    setFormError(null);
  }

  function problemText(problem: FieldProblem | undefined): string | undefined {
    if (!problem) return undefined;
    if (problem === 'scopeId' && scope) {
      return t('connections.form.errors.scopeId', { field: t(`connections.form.scopeId.${scope.kind}`) });
    }
    if (problem === 'timeZoneUnknown') return t('connections.form.errors.timeZoneUnknown', { value: values.timeZone.trim() });
    return t(`connections.form.errors.${problem}`, { field: '', value: '' });
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (saving) return;
    const id = connection?.id ?? newConnectionId(values.label, values.provider, suffix);
    const checked = checkForm(values, id, keyStored, relayTokenStored);
    if (!checked.settings) {
      setProblems(checked.problems);
      if (!Object.values(checked.problems).some(Boolean)) {
        setFormError(t('connections.errors.invalidInput'));
        return;
      }
      setFormError(t('connections.form.checkFields'));
      if (checked.problems.baseUrl || (checked.problems.timeZone && zoneInAdvanced)) setAdvancedOpen(true);
      focusPending.current = 'invalid';
      return;
    }
    setProblems({});
    setFormError(null);
    setSaving(true);
    const { settings, apiKey, relayDeskToken } = checked;
    try {
      // No key or token typed: the core keeps the one it has.
      const saved = await desk.saveConnection({
        settings,
        ...(apiKey === undefined ? {} : { apiKey }),
        ...(relayDeskToken === undefined ? {} : { relayDeskToken }),
      });
      setValues((current) => ({ ...current, apiKey: '', relayDeskToken: '' }));
      onSaved(saved);
    } catch (error) {
      setFormError(t('connections.form.notSaved', { reason: describeConnectionError(t, error, [apiKey, relayDeskToken]) }));
      setSaving(false);
    }
  }

  const providerName = t(`connections.provider.${values.provider}`);
  const timeZoneLabel = t('connections.form.timeZone');
  const timeZoneField = (
    <TextField
      label={zoneInAdvanced ? t('connections.form.optional', { label: timeZoneLabel }) : timeZoneLabel}
      hint={t(
        values.provider === 'zenoti' || values.provider === 'wellhub'
          ? `connections.form.timeZoneHint.${values.provider}`
          : 'connections.form.timeZoneHint.other',
      )}
      error={problemText(problems.timeZone)}
      required={fields.timeZone === 'required'}
      value={values.timeZone}
      onChange={(value) => change('timeZone', value)}
      testId="connection-time-zone"
      list={zones.length > 0 ? zonesId : undefined}
      plain
    />
  );
  let keyHint: string;
  if (!editing) keyHint = t('connections.form.apiKeyHintNew', { provider: providerName });
  else if (keyStored) keyHint = t('connections.form.apiKeyHintKeep');
  else keyHint = t('connections.form.apiKeyHintMissing');

  return (
    <div className="connection-form-panel" data-testid="connection-form">
      <h3 id={headingId}>
        {editing ? t('connections.form.editHeading', { label: connection.label }) : t('connections.form.addHeading')}
      </h3>
      <form
        ref={formRef}
        className="connection-form"
        noValidate
        aria-labelledby={headingId}
        aria-describedby={formError ? errorId : undefined}
        onSubmit={(event) => void save(event)}
      >
        <div className="form-field">
          <label htmlFor={providerId}>{t('connections.form.provider')}</label>
          <select
            id={providerId}
            data-testid="connection-provider"
            value={values.provider}
            disabled={editing}
            aria-describedby={editing ? providerHintId : undefined}
            onChange={(event) => chooseProvider(event.target.value as ProviderKind)}
          >
            {providers.map((provider) => (
              <option key={provider} value={provider}>
                {t(`connections.provider.${provider}`)}
              </option>
            ))}
          </select>
          {editing && (
            <p id={providerHintId} className="hint">
              {t('connections.form.providerFixed')}
            </p>
          )}
        </div>
        <TextField
          label={t('connections.form.label')}
          hint={t('connections.form.labelHint')}
          error={problemText(problems.label)}
          required
          value={values.label}
          onChange={(value) => change('label', value)}
          testId="connection-label"
        />
        {fields.tenant && (
          <TextField
            label={t('connections.form.tenant')}
            hint={t('connections.form.tenantHint', { host: fields.tenant.host })}
            error={problemText(problems.tenant)}
            required={values.baseUrl.trim() === ''}
            value={values.tenant}
            onChange={(value) => change('tenant', value)}
            testId="connection-tenant"
            plain
          />
        )}
        {scope && (
          <TextField
            label={
              scope.required
                ? t(`connections.form.scopeId.${scope.kind}`)
                : t('connections.form.optional', { label: t(`connections.form.scopeId.${scope.kind}`) })
            }
            hint={t(`connections.form.scopeIdHint.${scope.kind}`)}
            error={problemText(problems.scopeId)}
            required={scope.required}
            value={values.scopeId}
            onChange={(value) => change('scopeId', value)}
            testId="connection-scope-id"
            plain
          />
        )}
        {!zoneInAdvanced && timeZoneField}
        <TextField
          label={t('connections.form.apiKey')}
          hint={keyHint}
          error={problemText(problems.apiKey)}
          required={!keyStored}
          value={values.apiKey}
          onChange={(value) => change('apiKey', value)}
          testId="connection-api-key"
          type="password"
          plain
        />
        {usesRelay(values.provider) && (
          <RelayFields
            relayUrl={values.relayUrl}
            relayDeskToken={values.relayDeskToken}
            tokenStored={relayTokenStored}
            urlError={problemText(problems.relayUrl)}
            tokenError={problemText(problems.relayDeskToken)}
            onChange={change}
            link={relayLink}
            place={place}
            nowMs={nowMs}
          />
        )}
        <div className="form-advanced">
          <button
            type="button"
            className="disclosure"
            data-testid="connection-advanced"
            aria-expanded={advancedOpen}
            aria-controls={advancedId}
            onClick={() => setAdvancedOpen((open) => !open)}
          >
            <span className="disclosure-mark" aria-hidden="true">
              {advancedOpen ? '▾' : '▸'}
            </span>
            {t('connections.form.advanced')}
          </button>
          <div id={advancedId} className="form-advanced-fields" hidden={!advancedOpen}>
            <TextField
              label={t('connections.form.optional', { label: t('connections.form.baseUrl') })}
              hint={t('connections.form.baseUrlHint')}
              error={problemText(problems.baseUrl)}
              value={values.baseUrl}
              onChange={(value) => change('baseUrl', value)}
              testId="connection-base-url"
              type="url"
              plain
            />
            {zoneInAdvanced && timeZoneField}
          </div>
        </div>
        {zoneList}
        <p id={errorId} className="form-error" role="alert" data-testid="connection-form-error">
          {formError}
        </p>
        <div className="form-buttons">
          {/* aria-disabled rather than disabled: the button keeps focus while the core answers. */}
          <button type="submit" className="primary" data-testid="connection-save" aria-disabled={saving || undefined}>
            {saving ? t('connections.form.saving') : t('connections.form.save')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('connections.form.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
