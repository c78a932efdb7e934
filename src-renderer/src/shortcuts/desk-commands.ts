import { addMemberAction, bookingActions, type BookingActionKind } from '../desk/desk-action-registry';
import type { en } from '../i18n/en';
import type { PaletteItem } from './palette-items';
import { altLetter, moveFocusAmong, plainKey, rosterRowSelector, type FieldKind, type KeyPlace } from './key-place';

/** What the screens on show offer to the keyboard; each registers its part while it is mounted. */
export interface DeskCommandTargets {
  /** The roster: run (or ask about) an action on one of its bookings. */
  rosterAction?(kind: BookingActionKind, bookingId: string): void;
  addMember?(): boolean;
  wellhubVisit?(): void;
  /** Whether a system here validates Wellhub visits: the palette lists the visit only then. */
  wellhubVisitOffered?(): boolean;
  /** Opens the Wellhub requests list (the header offers it where Wellhub can ask the desk anything). */
  showRequests?(): void;
  /** How many requests and visits wait for the desk right now. */
  waitingRequests?(): number;
  moveClass?(step: 1 | -1): void;
  moveDay?(step: 1 | -1): void;
  /** What the screen on show can do right now, for the command palette. */
  paletteItems?(): PaletteItem[];
  showHelp(): void;
  showPalette(): void;
}

export type CommandName = keyof typeof en.shortcuts.commands;
export type CommandGroup = keyof typeof en.shortcuts.group;
const isEmptyField = (target: EventTarget | null) => target instanceof HTMLInputElement && target.value === '';

/** A key as printed in the help: a name from en.shortcuts.keys, or the character itself. */
export type KeyCap = keyof typeof en.shortcuts.keys | (string & {});

export interface DeskCommand {
  name: CommandName;
  group: CommandGroup;
  /** Alternatives, each a chord of keys pressed together. */
  keys: readonly (readonly KeyCap[])[];
  test(event: KeyboardEvent, field: FieldKind): boolean;
  /** Does it; false when there is nothing to do it on, so the key goes on to whatever else wants it. */
  perform(targets: DeskCommandTargets, place: KeyPlace): boolean;
}

function rowCommand(name: BookingActionKind, letter: string): DeskCommand {
  return {
    name,
    group: 'roster',
    keys: [[letter.toUpperCase()]],
    test: plainKey(letter),
    perform(targets, place) {
      if (!place.bookingId || !targets.rosterAction) return false;
      targets.rosterAction(name, place.bookingId);
      return true;
    },
  };
}

function personStep(name: CommandName, key: 'ArrowDown' | 'ArrowUp', step: 1 | -1): DeskCommand {
  return {
    name,
    group: 'roster',
    keys: [[key === 'ArrowDown' ? 'arrowDown' : 'arrowUp']],
    test: (event, field) => field === 'none' && !event.altKey && event.key === key,
    perform(_targets, place) {
      const roster = place.rosterRow?.parentElement?.closest<HTMLElement>('[data-testid="roster"]');
      if (!roster) return false;
      moveFocusAmong([...roster.querySelectorAll<HTMLElement>(rosterRowSelector)], step);
      return true;
    },
  };
}

/**
 * Every desk shortcut, in the order the help lists them. The one keyboard
 * handler walks this table and the help overlay prints it, so the two can
 * never disagree (commands as objects, like Excalidraw's actions). Roster
 * letters come from the desk-action registry, which keeps them apart.
 */
export const deskCommands: readonly DeskCommand[] = [
  ...bookingActions.map((action) => rowCommand(action.kind, action.key)),
  personStep('nextPerson', 'ArrowDown', 1),
  personStep('previousPerson', 'ArrowUp', -1),
  {
    name: 'addMember',
    group: 'desk',
    keys: [[addMemberAction.key.toUpperCase()]],
    test: plainKey(addMemberAction.key),
    perform: (targets) => targets.addMember?.() ?? false,
  },
  {
    name: 'palette',
    group: 'desk',
    keys: [['ctrl', 'K']],
    // Works in any field: Ctrl+K types nothing, and a scanner never sends Ctrl.
    test: (event) => (event.ctrlKey || event.metaKey) && !event.altKey && (event.code === 'KeyK' || event.key.toLowerCase() === 'k'),
    perform(targets) {
      targets.showPalette();
      return true;
    },
  },
  {
    name: 'wellhubVisit',
    group: 'desk',
    keys: [['alt', 'W']],
    test: altLetter('w'),
    perform(targets) {
      if (!targets.wellhubVisit) return false;
      targets.wellhubVisit();
      return true;
    },
  },
  {
    name: 'help',
    group: 'desk',
    keys: [['?'], ['f1']],
    // The check-in bar holds focus when idle: "?" into it while empty is a question, never a card or a name.
    test: (event, field) =>
      event.key === 'F1' ||
      (event.key === '?' && !event.ctrlKey && !event.metaKey && (field === 'none' || (field === 'digits' && isEmptyField(event.target)))),
    perform(targets) {
      targets.showHelp();
      return true;
    },
  },
  classStep('nextClass', 'ArrowDown', 1),
  classStep('previousClass', 'ArrowUp', -1),
  dayStep('previousDay', 'PageUp', 'ArrowLeft', -1),
  dayStep('nextDay', 'PageDown', 'ArrowRight', 1),
];

function classStep(name: CommandName, key: 'ArrowDown' | 'ArrowUp', step: 1 | -1): DeskCommand {
  return {
    name,
    group: 'classes',
    keys: [[key === 'ArrowDown' ? 'arrowDown' : 'arrowUp']],
    // A scanner never sends arrows, so they move through classes while the check-in input holds only digits.
    test: (event, field) => field !== 'text' && !event.altKey && !event.ctrlKey && !event.metaKey && event.key === key,
    perform(targets) {
      if (!targets.moveClass) return false;
      targets.moveClass(step);
      return true;
    },
  };
}

function dayStep(name: CommandName, pageKey: 'PageUp' | 'PageDown', arrow: 'ArrowLeft' | 'ArrowRight', step: 1 | -1): DeskCommand {
  return {
    name,
    group: 'classes',
    keys: [[pageKey === 'PageUp' ? 'pageUp' : 'pageDown'], ['alt', arrow === 'ArrowLeft' ? 'arrowLeft' : 'arrowRight']],
    test: (event, field) =>
      field !== 'text' && !event.ctrlKey && !event.metaKey && (event.key === pageKey || (event.altKey && event.key === arrow)),
    perform(targets) {
      if (!targets.moveDay) return false;
      targets.moveDay(step);
      return true;
    },
  };
}

const ariaNames: Partial<Record<string, string>> = {
  ctrl: 'Control',
  alt: 'Alt',
  f1: 'F1',
  pageUp: 'PageUp',
  pageDown: 'PageDown',
  arrowUp: 'ArrowUp',
  arrowDown: 'ArrowDown',
  arrowLeft: 'ArrowLeft',
  arrowRight: 'ArrowRight',
};

/** The command's keys in aria-keyshortcuts form ("C", "Alt+W", "? F1"), for the buttons that do the same. */
export function ariaKeysOf(name: CommandName): string | undefined {
  const command = deskCommands.find((candidate) => candidate.name === name);
  return command?.keys.map((chord) => chord.map((key) => ariaNames[key] ?? key).join('+')).join(' ');
}
