import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../../src-shared/domain';
import { useDb, useDesk } from '../../desk/desk-context';
import { describeActionError } from '../../i18n/action-words';
import { findMembers, looksLikeName, wantsSearch } from '../check-in/member-search';

/**
 * Finding the member to book: a name searches the desk's cache as it is typed;
 * Enter looks a scanned code up by barcode, and when the cache knows nobody,
 * asks the booking system itself if it can search members (memberSearch).
 */
export function useWalkInSearch(connectionId: string, canAskSystem: boolean) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const [text, setText] = useState('');
  const [fromSystem, setFromSystem] = useState<Member[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  // Counts edits, so an answer to an older text never replaces what is typed now.
  const edits = useRef(0);

  const nameSearch = looksLikeName(text);
  const searching = wantsSearch(text);
  const local = useLiveQuery(
    () => (searching ? findMembers(db, text, connectionId) : Promise.resolve([])),
    [db, text, searching, connectionId],
  );
  const results = fromSystem ?? local ?? [];

  function change(value: string): void {
    edits.current += 1;
    setText(value);
    setFromSystem(null);
    setNotice(null);
  }

  async function askSystem(query: string): Promise<void> {
    const edit = edits.current;
    setAsking(true);
    try {
      const found = await desk.searchMembers({ connectionId, query });
      if (edit !== edits.current) return;
      setFromSystem(found);
      if (found.length === 0) setNotice(t('walkIn.noResults', { text: query }));
    } catch (error) {
      if (edit === edits.current) setNotice(describeActionError(t, error));
    } finally {
      setAsking(false);
    }
  }

  /** Enter: resolves to the one member meant (a scanned card, a single match), else shows a list or says why not. */
  async function submit(): Promise<Member | undefined> {
    const query = text.trim();
    if (!query) return undefined;
    if (!looksLikeName(query)) {
      const byCard = await db.members
        .where('barcode')
        .equals(query)
        .filter((member) => member.connectionId === connectionId)
        .first();
      if (byCard) return byCard;
      if (canAskSystem && query.length >= 2) await askSystem(query);
      else setNotice(t('walkIn.unknownBarcode', { barcode: query }));
      return undefined;
    }
    if (results.length === 1) return results[0];
    if (results.length > 1) return undefined;
    if (canAskSystem && query.length >= 2) await askSystem(query);
    else setNotice(t('walkIn.noResults', { text: query }));
    return undefined;
  }

  return {
    text,
    change,
    submit,
    results,
    notice,
    asking,
    /** The cache knows nobody by this name, and the system could be asked. */
    offerSystem: canAskSystem && nameSearch && fromSystem === null && local?.length === 0,
  };
}
