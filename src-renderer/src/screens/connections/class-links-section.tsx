import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connection, WellhubClass, WellhubClassLink } from '../../../../src-shared/connections';
import type { ClassType } from '../../../../src-shared/domain';
import { useDb, useDesk } from '../../desk/desk-context';
import { describeConnectionError } from './connection-words';

interface Props {
  /** A Wellhub connection. */
  connection: Connection;
  /** Every Wellhub connection's id: their classes are Wellhub's own, never sold as another's. */
  wellhubIds: readonly string[];
}

type Choice = Record<string, number | undefined>;

const choicesOf = (links: readonly WellhubClassLink[] | undefined): Choice =>
  Object.fromEntries((links ?? []).map((link) => [link.classTypeId, link.wellhubClassId]));

/**
 * Classes on Wellhub: for each class of the gym's other systems, the Wellhub class it is sold as (or none).
 * Wellhub's classes are asked of Wellhub when the section opens; the links are saved by the core, which
 * then shows such a class as one roster with one capacity and keeps Wellhub's places true.
 */
export function ClassLinksSection({ connection, wellhubIds }: Props) {
  const { t } = useTranslation();
  const desk = useDesk();
  const db = useDb();
  const helpId = useId();
  const [open, setOpen] = useState(false);
  const [wellhubClasses, setWellhubClasses] = useState<WellhubClass[] | undefined>();
  const [loadError, setLoadError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Choice>(() => choicesOf(connection.classLinks));
  const [note, setNote] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const classTypes = useLiveQuery(
    async (): Promise<ClassType[]> => (await db.classTypes.toArray()).filter((c) => !wellhubIds.includes(c.connectionId)).sort((a, b) => a.name.localeCompare(b.name)),
    [db, wellhubIds.join(' ')],
  );

  useEffect(() => {
    if (!open || wellhubClasses) return;
    let current = true;
    desk
      .listWellhubClasses({ id: connection.id })
      .then((found) => current && setWellhubClasses(found))
      .catch((error: unknown) => current && setLoadError(t('connections.classLinks.loadFailed', { reason: describeConnectionError(t, error) })));
    return () => {
      current = false;
    };
  }, [open, wellhubClasses, desk, connection.id, t]);

  async function save(): Promise<void> {
    setSaving(true);
    setNote(null);
    const links = Object.entries(choices).flatMap(([classTypeId, wellhubClassId]) => (wellhubClassId === undefined ? [] : [{ classTypeId, wellhubClassId }]));
    try {
      await desk.saveWellhubClassLinks({ id: connection.id, links });
      setNote(t('connections.classLinks.saved'));
    } catch (error) {
      setNote(t('connections.classLinks.saveFailed', { reason: describeConnectionError(t, error) }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <details className="class-links" data-testid="class-links" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        {t('connections.classLinks.heading')} · {t('connections.classLinks.linked', { count: connection.classLinks?.length ?? 0 })}
      </summary>
      <p id={helpId} className="field-hint">
        {t('connections.classLinks.help')}
      </p>
      {loadError && <p role="alert">{loadError}</p>}
      {!loadError && !wellhubClasses && <p>{t('connections.classLinks.loading')}</p>}
      {wellhubClasses && classTypes?.length === 0 && <p>{t('connections.classLinks.noClasses')}</p>}
      {wellhubClasses && classTypes && classTypes.length > 0 && (
        <form
          aria-describedby={helpId}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ul className="class-links-list">
            {classTypes.map((classType) => (
              <li key={classType.id}>
                <label>
                  <span>{t('connections.classLinks.soldAs', { name: classType.name })}</span>
                  <select
                    data-testid="class-link-choice"
                    data-class-type={classType.id}
                    value={choices[classType.id] ?? ''}
                    onChange={(event) => setChoices({ ...choices, [classType.id]: event.target.value ? Number(event.target.value) : undefined })}
                  >
                    <option value="">{t('connections.classLinks.notOnWellhub')}</option>
                    {wellhubClasses.map((wellhubClass) => (
                      <option key={wellhubClass.id} value={wellhubClass.id}>
                        {wellhubClass.name}
                      </option>
                    ))}
                  </select>
                </label>
              </li>
            ))}
          </ul>
          <button type="submit" data-testid="class-links-save" aria-disabled={saving || undefined}>
            {t('connections.classLinks.save')}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite" data-testid="class-links-note">
        {note}
      </p>
    </details>
  );
}
