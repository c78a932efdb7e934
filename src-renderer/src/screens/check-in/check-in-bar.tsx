import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckInByBarcodeInput } from '../../../../src-shared/contract';
import type { Location, Member } from '../../../../src-shared/domain';
import { rememberDeskAction } from '../../data/desk-actions';
import type { LocalDay } from '../../data/local-day';
import { useDb, useDesk } from '../../desk/desk-context';
import { describeDeskError, errorMessage } from '../../i18n/words';
import { useScanInput } from '../../scanning/scan-input';
import { DeskToast } from '../../ui/desk-toast';
import { ariaKeysOf } from '../../shortcuts/desk-commands';
import { useShortcutTarget } from '../../shortcuts/desk-shortcuts';
import { useShallow } from 'zustand/react/shallow';
import { useDeskStore } from '../../store';
import { useSettings } from '../settings/use-settings';
import { defaultSettings } from '../../../../src-shared/settings';
import { describeCheckIn } from './check-in-outcome';
import { MemberBookings } from './member-bookings';
import { MemberResults, resultOptionId } from './member-results';
import { findMembers, looksLikeCode, looksLikeName, wantsSearch } from './member-search';
import { useIdleFocus } from './use-idle-focus';
import { useScanAnswer } from './use-scan-answer';
import { useWellhubVisit } from './use-wellhub-visit';
import { isWellhubId } from './wellhub-visit';
import './check-in.css';

interface Props {
  location: Location | undefined;
  today: LocalDay | undefined;
}

const barcodeShape = CheckInByBarcodeInput.shape.barcode;

/** The desk's main input: a scanner types a code and Enter; a person types a name and picks from a list. */
export function CheckInBar({ location, today }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const { search, setSearch, checkInMessage, tellCheckIn: tell, dismissCheckIn } = useDeskStore(
    useShallow((state) => ({
      search: state.search,
      setSearch: state.setSearch,
      checkInMessage: state.checkInMessage,
      tellCheckIn: state.tellCheckIn,
      dismissCheckIn: state.dismissCheckIn,
    })),
  );
  const { settings } = useSettings();
  const tellCheckIn = useScanAnswer(tell, settings?.values.sounds ?? defaultSettings.sounds);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [chosen, setChosen] = useState<Member | null>(null);
  // The next entry is a Wellhub id (Alt+W or the Wellhub button), whatever it looks like.
  const [wellhubMode, setWellhubMode] = useState(false);
  const visits = useWellhubVisit(location, tellCheckIn);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const listId = useId();
  useIdleFocus(input);
  useScanInput({
    gapMs: settings?.values.scannerKeyGapMs ?? defaultSettings.scannerKeyGapMs,
    onScan: (code) => {
      // A scan made on a roster row or a button counts as typed here, whatever was typed before.
      clear();
      setChosen(null);
      submit(code, true);
      input.current?.focus();
    },
    onTyped: (text) => {
      setSearch(useDeskStore.getState().search + text);
      setActiveIndex(-1);
      input.current?.focus();
    },
  });

  const startWellhubVisit = useCallback(() => {
    if (!visits.available) {
      tellCheckIn({ tone: 'warning', text: t('checkIn.noWellhub') });
      return;
    }
    setWellhubMode(true);
    tellCheckIn(null);
    input.current?.focus();
  }, [visits.available, t, tellCheckIn]);
  useShortcutTarget('wellhubVisit', startWellhubVisit);
  useShortcutTarget('wellhubVisitOffered', useCallback(() => visits.available, [visits.available]));

  const searching = wantsSearch(search);
  const connectionId = location?.connectionId;
  const results = useLiveQuery(
    () => (searching && connectionId ? findMembers(db, search, connectionId) : Promise.resolve([])),
    [db, search, searching, connectionId],
  );
  const listed = results ?? [];
  const showList = searching && listed.length > 0;

  function clear(): void {
    setSearch('');
    setActiveIndex(-1);
  }

  function choose(member: Member): void {
    setChosen(member);
    tellCheckIn(null);
    clear();
  }

  function done(): void {
    setChosen(null);
    input.current?.focus();
  }

  async function checkInByBarcode(barcode: string): Promise<void> {
    if (!location) return;
    try {
      const result = await desk.checkInByBarcode({ actionId: crypto.randomUUID(), barcode, locationId: location.id });
      if (result.outcome === 'check_in') await rememberDeskAction(db, result.action);
      tellCheckIn(describeCheckIn(t, result, barcode, location));
    } catch (error) {
      tellCheckIn(errorMessage(describeDeskError(t, error), error));
    }
  }

  /**
   * Thirteen digits no cached member carries are a Wellhub id, where a system
   * can validate visits; anything else is a member card for the check-in.
   */
  async function checkInOrVisit(code: string): Promise<void> {
    if (visits.available && isWellhubId(code) && (await db.members.where('barcode').equals(code).count()) === 0) {
      await visits.validate(code);
      return;
    }
    await checkInByBarcode(code);
  }

  function submitWellhubId(text: string): void {
    clear();
    if (!isWellhubId(text)) {
      tellCheckIn({ tone: 'warning', text: t('checkIn.notAWellhubId', { text }) });
      return;
    }
    setWellhubMode(false);
    void visits.validate(text);
  }

  /** What Enter in the field sends, or a scan made wherever focus was (`scanned`: never a pick from the list). */
  function submit(text = search.trim(), scanned = false): void {
    if (!text) return;
    // The last member's answer is not this one's.
    tell(null);
    if (wellhubMode) {
      submitWellhubId(text);
      return;
    }
    // A code (card or member number, M-10115 typed or scanned) checks in as a scan does, unless a
    // member was picked from the list with the arrow keys; a name opens the first member found.
    const code = looksLikeCode(text);
    const picked = scanned && code ? undefined : (listed[activeIndex] ?? (code ? undefined : listed[0]));
    if (picked) {
      choose(picked);
      return;
    }
    const barcode = barcodeShape.safeParse(text);
    if (!code || !barcode.success) {
      tellCheckIn({ tone: 'warning', text: t(looksLikeName(text) ? 'checkIn.noResults' : 'checkIn.notACode', { text }) });
      return;
    }
    // Cleared before the answer so the next member's scan can start at once.
    setChosen(null);
    clear();
    void checkInOrVisit(barcode.data);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      clear();
      setChosen(null);
      setWellhubMode(false);
    } else if (showList && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      // Claimed here so the day's class list does not move while a name list is open.
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((index) => Math.min(listed.length - 1, Math.max(0, index + step)));
    }
  }

  return (
    <div className="check-in-bar" data-flash={checkInMessage?.tone}>
      <div className="check-in-field">
        <label htmlFor={inputId}>{wellhubMode ? t('checkIn.wellhubLabel') : t('checkIn.label')}</label>
        <input
          ref={input}
          id={inputId}
          data-testid="check-in-input"
          data-mode={wellhubMode ? 'wellhub' : 'check-in'}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={showList ? listId : undefined}
          aria-activedescendant={showList && activeIndex >= 0 ? resultOptionId(listId, activeIndex) : undefined}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setActiveIndex(-1);
          }}
          onKeyDown={onKeyDown}
        />
        <p id={hintId} className="visually-hidden">
          {wellhubMode ? t('checkIn.wellhubHint') : t('checkIn.hint')}
        </p>
        {showList && <MemberResults id={listId} members={listed} activeIndex={activeIndex} onChoose={choose} />}
        {looksLikeName(search) && results && results.length === 0 && (
          <p className="hint search-none">{t('checkIn.noResults', { text: search.trim() })}</p>
        )}
      </div>
      {visits.available && (
        <button
          type="button"
          className="wellhub-button"
          data-testid="wellhub-visit"
          aria-pressed={wellhubMode}
          aria-keyshortcuts={ariaKeysOf('wellhubVisit')}
          onClick={() => (wellhubMode ? setWellhubMode(false) : startWellhubVisit())}
        >
          {t('checkIn.wellhubButton')}
        </button>
      )}
      <DeskToast message={checkInMessage} clear={dismissCheckIn} testId="check-in-message" className="check-in-message" />
      {chosen && location && today && (
        <MemberBookings member={chosen} location={location} today={today} onDone={done} />
      )}
    </div>
  );
}
