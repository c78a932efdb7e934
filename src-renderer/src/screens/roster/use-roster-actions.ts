import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capabilities } from '../../../../src-shared/connections';
import { nextActionChange } from '../../../../src-shared/desk-action-rules';
import type { Location, Session } from '../../../../src-shared/domain';
import { useDeskNow } from '../../data/use-desk-now';
import { actionsFor, canAddMemberTo, whyNot, type ActionScene, type BookingActionKind } from '../../desk/desk-action-registry';
import { useBookingActions } from '../../desk/use-booking-actions';
import { memberName } from '../../i18n/words';
import { useShortcutTarget } from '../../shortcuts/desk-shortcuts';
import { useDeskStore } from '../../store';
import type { RosterEntry } from './roster-groups';
import { misfitWords } from './misfit-words';
import { rosterPaletteItems } from './roster-palette-items';

/** The dialog the roster has open: a question before an action, or adding a walk-in. */
export type RosterDialog =
  | { kind: 'cancel_booking' | 'reject_booking_request'; entry: RosterEntry }
  | { kind: 'walk_in' }
  | null;

/** The next booking request on the roster to lapse after `nowMs`: its Confirm and Reject go then. */
function nextLapse(roster: readonly RosterEntry[] | undefined, nowMs: number): number | undefined {
  const deadlines = (roster ?? []).flatMap(({ booking }) => (booking.status === 'pending_confirmation' && booking.decideBy ? [Date.parse(booking.decideBy)] : []));
  return soonest(deadlines.filter((ms) => ms > nowMs));
}

function soonest(instants: readonly (number | undefined)[]): number | undefined {
  const known = instants.filter((ms): ms is number => ms !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

function withOrWithout(set: ReadonlySet<string>, id: string, present: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (present) next.add(id);
  else next.delete(id);
  return next;
}

/**
 * What the roster does: runs a row's action (or first asks, for cancel and
 * reject), knows which rows are busy, opens the walk-in dialog, and offers
 * all of it to the keyboard shortcuts and the command palette. What is
 * offered is what the desk-action registry says fits now, by the desk's clock.
 */
export function useRosterActions(
  session: Session | undefined,
  roster: RosterEntry[] | undefined,
  capabilitiesByConnection: Record<string, Capabilities> | undefined,
  location?: Location,
) {
  const capabilities = session ? capabilitiesByConnection?.[session.connectionId] : undefined;
  const { t } = useTranslation();
  const tellRoster = useDeskStore((state) => state.tellRoster);
  const run = useBookingActions(tellRoster, location);
  const [dialog, setDialog] = useState<RosterDialog>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(() => new Set());
  // Redrawn the moment an action starts or stops fitting (a check-in window closing, a request lapsing), not a tick later.
  const nowMs = useDeskNow(15_000, (now) => (session ? soonest([nextActionChange(session, capabilities, now), nextLapse(roster, now)]) : undefined));
  const scene = useMemo<ActionScene | undefined>(() => session && { session, nowMs, capabilities }, [session, nowMs, capabilities]);
  const canAddMember = scene !== undefined && canAddMemberTo(scene);
  // One roster across channels: a Wellhub booking on a main-system class is answered by what Wellhub can do.
  const sceneFor = useCallback(
    (entry: RosterEntry): ActionScene | undefined => {
      const own = capabilitiesByConnection?.[entry.booking.connectionId];
      return scene && own && session && entry.booking.connectionId !== session.connectionId ? { ...scene, capabilities: own } : scene;
    },
    [scene, session, capabilitiesByConnection],
  );

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
      const entryScene = entry && sceneFor(entry);
      if (!entry || !entryScene) return;
      const misfit = whyNot(kind, entry.booking.status, entryScene, entry.booking.decideBy);
      if (misfit) {
        tellRoster({ tone: 'info', text: misfitWords(t, { kind, misfit, entry, scene: entryScene, location }) });
      } else if (busy.has(bookingId) || (entry.action?.state === 'accepted' && entry.action.kind === kind)) {
        const words = { action: t(`actions.kind.${kind}`), name: memberName(t, entry.member) };
        tellRoster({ tone: 'info', text: t('roster.alreadyPending', words) });
      } else {
        start(kind, entry);
      }
    },
    [roster, sceneFor, busy, start, t, tellRoster, location],
  );

  const addMember = useCallback(() => {
    if (!canAddMember) return false;
    setDialog({ kind: 'walk_in' });
    return true;
  }, [canAddMember]);

  const paletteItems = useCallback(
    () => (session && scene ? rosterPaletteItems(t, { session, sceneFor, roster: roster ?? [], busy, canAddMember, rosterAction, addMember }) : []),
    [t, session, scene, sceneFor, roster, busy, canAddMember, rosterAction, addMember],
  );

  useShortcutTarget('rosterAction', rosterAction);
  useShortcutTarget('addMember', addMember);
  useShortcutTarget('paletteItems', paletteItems);

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
    offersFor: (entry: RosterEntry) => {
      const entryScene = sceneFor(entry);
      return entryScene ? actionsFor(entry.booking.status, entryScene, entry.booking.decideBy) : [];
    },
  };
}
