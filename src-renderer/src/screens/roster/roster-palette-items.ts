import type { TFunction } from 'i18next';
import type { Session } from '../../../../src-shared/domain';
import { actionsFor, addMemberAction, type ActionScene, type BookingActionKind } from '../../desk/desk-action-registry';
import { memberName } from '../../i18n/words';
import type { PaletteItem } from '../../shortcuts/palette-items';
import { rosterRowSelector } from '../../shortcuts/key-place';
import type { RosterEntry } from './roster-groups';

interface RosterOffer {
  session: Session;
  /** The registry's view of one row: the class, the clock, and what the booking's own system can do. */
  sceneFor(entry: RosterEntry): ActionScene | undefined;
  roster: readonly RosterEntry[];
  busy: ReadonlySet<string>;
  canAddMember: boolean;
  rosterAction(kind: BookingActionKind, bookingId: string): void;
  addMember(): boolean;
}

/** The booking whose roster row holds focus (or held it when the palette opened over it). */
function focusedBookingId(): string | undefined {
  const active = document.activeElement;
  return active instanceof HTMLElement ? active.closest<HTMLElement>(rosterRowSelector)?.dataset['bookingId'] : undefined;
}

/**
 * The open class's actions for the palette: the focused person's first, then
 * adding a member, then everyone else's, each only where it fits right now
 * and is not already on its way.
 */
export function rosterPaletteItems(t: TFunction, offer: RosterOffer): PaletteItem[] {
  const { session, sceneFor, roster, busy, canAddMember, rosterAction, addMember } = offer;
  const focused = focusedBookingId();
  const ordered = [...roster].sort((a, b) => Number(b.booking.id === focused) - Number(a.booking.id === focused));
  const people = ordered.flatMap((entry) => {
    const scene = sceneFor(entry);
    if (busy.has(entry.booking.id) || !scene) return [];
    const name = memberName(t, entry.member);
    return actionsFor(entry.booking.status, scene, entry.booking.decideBy)
      .filter((action) => !(entry.action?.state === 'accepted' && entry.action.kind === action.kind))
      .map(
        (action): PaletteItem => ({
          id: `${action.kind}:${entry.booking.id}`,
          label: t('palette.forPerson', { action: t(`roster.action.${action.kind}.label`), name }),
          ...(entry.booking.id === focused ? { key: action.key.toUpperCase() } : {}),
          run: () => rosterAction(action.kind, entry.booking.id),
        }),
      );
  });
  const add: PaletteItem[] = canAddMember
    ? [{ id: 'addMember', label: t('palette.addMember', { title: session.title }), key: addMemberAction.key.toUpperCase(), run: () => void addMember() }]
    : [];
  const mine = focused ? people.filter((item) => item.id.endsWith(`:${focused}`)) : [];
  return [...mine, ...add, ...people.slice(mine.length)];
}
