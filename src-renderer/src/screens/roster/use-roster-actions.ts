import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capabilities } from '../../../../src-shared/connections';
import type { Session } from '../../../../src-shared/domain';
import { useBookingActions, type BookingActionKind } from '../../desk/use-booking-actions';
import { memberName } from '../../i18n/words';
import { useShortcutTarget } from '../../shortcuts/desk-shortcuts';
import { useDeskStore } from '../../store';
import type { RosterEntry } from './roster-groups';
import { actionsFor } from './row-actions';

/** The dialog the roster has open: a question before an action, or adding a walk-in. */
export type RosterDialog =
  | { kind: 'cancel_booking' | 'reject_booking_request'; entry: RosterEntry }
  | { kind: 'walk_in' }
  | null;

function withOrWithout(set: ReadonlySet<string>, id: string, present: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (present) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * What the roster does: runs a row's action (or first asks, for cancel and
 * reject), knows which rows are busy, opens the walk-in dialog, and offers
 * all of it to the keyboard shortcuts.
 */
export function useRosterActions(session: Session | undefined, roster: RosterEntry[] | undefined, capabilities: Capabilities | undefined) {
  const { t } = useTranslation();
  const tellRoster = useDeskStore((state) => state.tellRoster);
  const run = useBookingActions(tellRoster);
  const [dialog, setDialog] = useState<RosterDialog>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set());
  const canAddMember = session !== undefined && session.status !== 'cancelled' && (capabilities?.book ?? true);

  const send = useCallback(
    async (kind: BookingActionKind, entry: RosterEntry, reason?: string) => {
      const id = entry.booking.id;
      setBusy((set) => withOrWithout(set, id, true));
      try {
        return await run(kind, entry.booking, memberName(t, entry.member), reason);
      } finally {
        setBusy((set) => withOrWithout(set, id, false));
      }
    },
    [run, t],
  );

  const start = useCallback(
    (kind: BookingActionKind, entry: RosterEntry) => {
      if (kind === 'cancel_booking' || kind === 'reject_booking_request') setDialog({ kind, entry });
      else void send(kind, entry);
    },
    [send],
  );

  const rosterAction = useCallback(
    (kind: BookingActionKind, bookingId: string) => {
      const entry = roster?.find((candidate) => candidate.booking.id === bookingId);
      if (!entry) return;
      const words = {
        action: t(`actions.kind.${kind}`),
        name: memberName(t, entry.member),
        status: t(`common.bookingStatus.${entry.booking.status}`),
      };
      if (!actionsFor(entry.booking.status, capabilities).some((offered) => offered.kind === kind)) {
        tellRoster({ tone: 'info', text: t('roster.notPossible', words) });
      } else if (busy.has(bookingId) || (entry.action?.state === 'accepted' && entry.action.kind === kind)) {
        tellRoster({ tone: 'info', text: t('roster.alreadyPending', words) });
      } else {
        start(kind, entry);
      }
    },
    [roster, capabilities, busy, start, t, tellRoster],
  );

  const addMember = useCallback(() => {
    if (!canAddMember) return false;
    setDialog({ kind: 'walk_in' });
    return true;
  }, [canAddMember]);

  useShortcutTarget('rosterAction', rosterAction);
  useShortcutTarget('addMember', addMember);

  /** Sends the asked-about action; the dialog closes when it went out, else shows why not. */
  const confirm = useCallback(
    async (reason: string): Promise<string | null> => {
      if (!dialog || dialog.kind === 'walk_in') return null;
      const result = await send(dialog.kind, dialog.entry, reason);
      if (!result.action) return result.message.text;
      setDialog(null);
      return null;
    },
    [dialog, send],
  );

  return {
    dialog,
    closeDialog: useCallback(() => setDialog(null), []),
    confirm,
    busy,
    start,
    canAddMember,
    addMember,
    offersFor: (entry: RosterEntry) => actionsFor(entry.booking.status, capabilities),
  };
}
