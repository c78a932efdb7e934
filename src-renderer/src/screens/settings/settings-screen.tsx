import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskSettings, type EffectiveSettings } from '../../../../src-shared/settings';
import { writeMeta } from '../../data/meta';
import { useDb, useDesk } from '../../desk/desk-context';
import { deskErrorCode } from '../../desk/desk-error';
import { resources } from '../../i18n';
import { describeDeskError } from '../../i18n/words';
import { useDeskStore, type DeskMessage } from '../../store';
import { OpeningHoursField } from './opening-hours-field';
import { SettingField } from './setting-field';
import { changesOf, draftOf, rebase, type DraftName, type SettingsDraft } from './settings-draft';
import { useSettings } from './use-settings';
import { WipeDialog } from './wipe-dialog';
import './settings.css';
import { wordMessage } from '../../i18n/message-words';

interface Props {
  /** After a wipe: drop the page's cache and start again (tests pass their own). */
  onWiped?: () => void;
}

const numberFields = ['syncDaysBack', 'syncDaysAhead', 'dataRetentionDays', 'actionRetentionDays', 'outageKitMinutesBefore'] as const;

/** The desk's settings, each marked when IT set it, and the way to wipe the desk's local data. */
export function SettingsScreen({ onWiped }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const chooseLocation = useDeskStore((state) => state.chooseLocation);
  const { settings, loadError, reload, saved } = useSettings();
  const locations = useLiveQuery(() => db.locations.toArray(), [db]) ?? [];
  const waiting = useLiveQuery(() => db.deskActions.where('state').equals('accepted').count(), [db]) ?? 0;
  const [draft, setDraft] = useState<SettingsDraft>();
  const [invalid, setInvalid] = useState<DraftName[]>([]);
  const [notice, setNotice] = useState<DeskMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [wiping, setWiping] = useState(false);
  const base = useRef<EffectiveSettings | undefined>(undefined);

  // New settings from the core: untouched fields follow them, what someone is typing stays.
  useEffect(() => {
    if (!settings) return;
    const before = base.current;
    base.current = settings;
    setDraft((current) => (current && before ? rebase(current, before.values, settings.values) : draftOf(settings.values)));
  }, [settings]);

  if (!settings || !draft) {
    return (
      <section className="settings-screen" aria-labelledby="settings-heading" data-testid="settings-screen">
        <h2 id="settings-heading">{t('settings.heading')}</h2>
        {loadError ? (
          <div>
            <p className="row-error" role="alert">
              {t('settings.loadFailed', { reason: describeDeskError(t, loadError) })}
            </p>
            <button type="button" onClick={reload}>
              {t('settings.retry')}
            </button>
          </div>
        ) : (
          <p className="empty" role="status">
            {t('settings.loading')}
          </p>
        )}
      </section>
    );
  }

  const set = <K extends DraftName>(name: K, value: SettingsDraft[K]) => setDraft({ ...draft, [name]: value });
  const source = (name: DraftName) => settings.sources[name];
  const languages = ['system', ...Object.keys(resources)];
  // A language IT chose that the app has no words for yet still shows as what is set.
  if (!languages.includes(settings.values.language)) languages.push(settings.values.language);
  const locationKnown = draft.deskLocationId === '' || locations.some((l) => l.id === draft.deskLocationId);

  async function save(): Promise<void> {
    if (!settings || !draft) return;
    const { changes, invalid: wrong } = changesOf(draft, settings);
    setInvalid(wrong);
    if (wrong.length > 0) {
      setNotice({ tone: 'error', text: t('settings.invalid', { fields: wrong.join(', ') }) });
      return;
    }
    if (Object.keys(changes).length === 0) {
      setNotice({ tone: 'info', text: t('settings.nothingChanged') });
      return;
    }
    setBusy(true);
    try {
      const answer = await desk.saveSettings(changes);
      saved(answer);
      if (changes.deskLocationId) {
        // Today opens on the desk's location: the page follows the setting at once.
        await writeMeta(db, 'deskLocationId', changes.deskLocationId);
        chooseLocation(changes.deskLocationId);
      }
      setNotice({ tone: 'success', text: t('settings.saved') });
    } catch (error) {
      setNotice({
        tone: 'error',
        text: deskErrorCode(error) === 'conflict' ? t('settings.lockedRefused') : t('settings.saveFailed', { reason: describeDeskError(t, error) }),
      });
    } finally {
      setBusy(false);
    }
  }

  const range = (name: (typeof numberFields)[number] | 'scannerKeyGapMs') => {
    const schema = DeskSettings.shape[name];
    return { min: schema.minValue ?? 0, max: schema.maxValue ?? 0 };
  };

  return (
    <section className="settings-screen" aria-labelledby="settings-heading" data-testid="settings-screen">
      <header className="settings-header">
        <h2 id="settings-heading" tabIndex={-1}>
          {t('settings.heading')}
        </h2>
        <p className="settings-intro">{t('settings.intro')}</p>
      </header>
      {settings.problems.length > 0 && (
        <div className="settings-problems" role="alert" data-testid="settings-problems">
          <h3>{t('settings.problemsHeading')}</h3>
          <ul>
            {settings.problems.map((problem, index) => (
              <li key={index}>
                {problem.field
                  ? t('settings.problemField', { file: problem.file, field: problem.field, message: wordMessage(t, problem.message) })
                  : t('settings.problem', { file: problem.file, message: wordMessage(t, problem.message) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        className="settings-form"
        // The desk says what is wrong in its own words, naming the setting, rather than a browser bubble.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>{t('settings.sections.desk')}</legend>
          <SettingField name="language" source={source('language')} label={t('settings.language.label')}>
            {(control) => (
              <select {...control} data-testid="settings-language" value={draft.language} onChange={(e) => set('language', DeskSettings.shape.language.parse(e.target.value))}>
                {languages.map((language) => (
                  <option key={language} value={language}>
                    {t(`settings.language.${DeskSettings.shape.language.parse(language)}`)}
                  </option>
                ))}
              </select>
            )}
          </SettingField>
          <SettingField name="deskLocationId" source={source('deskLocationId')} label={t('settings.deskLocation')}>
            {(control) => (
              <select {...control} data-testid="settings-desk-location" value={draft.deskLocationId} onChange={(e) => set('deskLocationId', e.target.value)}>
                <option value="">{t('settings.noLocation')}</option>
                {locations.map((location) => (
                  <option key={location.id} value={location.id}>
                    {location.name}
                  </option>
                ))}
                {!locationKnown && <option value={draft.deskLocationId}>{t('settings.unknownLocation', { id: draft.deskLocationId })}</option>}
              </select>
            )}
          </SettingField>
        </fieldset>
        <fieldset>
          <legend>{t('settings.sections.data')}</legend>
          {numberFields.map((name) => (
            <SettingField key={name} name={name} source={source(name)} label={t(`settings.${name}`)} hint={t('settings.range', range(name))} invalid={invalid.includes(name)}>
              {(control) => (
                <input {...control} type="number" inputMode="numeric" {...range(name)} data-testid={`settings-${name}`} value={draft[name]} onChange={(e) => set(name, e.target.value)} />
              )}
            </SettingField>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('settings.sections.scanner')}</legend>
          <SettingField name="sounds" source={source('sounds')} label={t('settings.sounds')} checkbox>
            {(control) => <input {...control} type="checkbox" data-testid="settings-sounds" checked={draft.sounds} onChange={(e) => set('sounds', e.target.checked)} />}
          </SettingField>
          <SettingField
            name="scannerKeyGapMs"
            source={source('scannerKeyGapMs')}
            label={t('settings.scannerKeyGapMs')}
            hint={`${t('settings.scannerKeyGapHint')} ${t('settings.range', range('scannerKeyGapMs'))}`}
            invalid={invalid.includes('scannerKeyGapMs')}
          >
            {(control) => (
              <input {...control} type="number" inputMode="numeric" {...range('scannerKeyGapMs')} data-testid="settings-scannerKeyGapMs" value={draft.scannerKeyGapMs} onChange={(e) => set('scannerKeyGapMs', e.target.value)} />
            )}
          </SettingField>
        </fieldset>
        <OpeningHoursField hours={draft.openingHours} source={source('openingHours')} invalid={invalid.includes('openingHours')} onChange={(hours) => set('openingHours', hours)} />
        <fieldset>
          <legend>{t('settings.sections.frontDesk')}</legend>
          <SettingField name="frontDeskMode" source={source('frontDeskMode')} label={t('settings.frontDeskMode')} checkbox>
            {(control) => <input {...control} type="checkbox" data-testid="settings-frontDeskMode" checked={draft.frontDeskMode} onChange={(e) => set('frontDeskMode', e.target.checked)} />}
          </SettingField>
          <SettingField name="updates" source={source('updates')} label={t('settings.updates')} checkbox>
            {(control) => <input {...control} type="checkbox" data-testid="settings-updates" checked={draft.updates} onChange={(e) => set('updates', e.target.checked)} />}
          </SettingField>
          <SettingField name="updateChannel" source={source('updateChannel')} label={t('settings.updateChannel.label')}>
            {(control) => (
              <select {...control} data-testid="settings-updateChannel" value={draft.updateChannel} onChange={(e) => set('updateChannel', DeskSettings.shape.updateChannel.parse(e.target.value))}>
                <option value="stable">{t('settings.updateChannel.stable')}</option>
                <option value="beta">{t('settings.updateChannel.beta')}</option>
              </select>
            )}
          </SettingField>
        </fieldset>
        <p className={`desk-message ${notice ? `tone-${notice.tone}` : ''}`} role="status" data-testid="settings-message">
          {notice?.text}
        </p>
        <button type="submit" className="primary" data-testid="settings-save" aria-disabled={busy || undefined}>
          {busy ? t('settings.saving') : t('settings.save')}
        </button>
      </form>
      <section className="settings-wipe" aria-labelledby="settings-wipe-heading">
        <h3 id="settings-wipe-heading">{t('settings.sections.wipe')}</h3>
        <p>{t('settings.wipe.intro')}</p>
        <button type="button" className="danger" data-testid="wipe-open" onClick={() => setWiping(true)}>
          {t('settings.wipe.open')}
        </button>
      </section>
      {wiping && <WipeDialog waiting={waiting} onClose={() => setWiping(false)} onWiped={onWiped ?? (() => void startFresh(db))} />}
    </section>
  );
}

/** After a wipe the page's cache belongs to a store that is gone: drop it and load the fresh desk. */
async function startFresh(db: ReturnType<typeof useDb>): Promise<void> {
  await db.delete();
  window.location.reload();
}
