import { create } from 'zustand';
import type { UpdateNotice } from '../../src-shared/contract';
import type { DeskActionKind, DeskActionState } from '../../src-shared/domain';
import type { LinkState } from './desk/desk-link';
import type { LocalDay } from './data/local-day';

/** The screen the header's navigation shows. */
export type DeskView = 'desk' | 'connections' | 'activity' | 'settings';

/** What the Activity screen lists: 'all' or one state / kind, and words the row must contain. */
export interface ActivityFilter {
  state: DeskActionState | 'all';
  kind: DeskActionKind | 'all';
  text: string;
}

export type MessageTone = 'success' | 'info' | 'warning' | 'error';
export interface DeskMessage {
  tone: MessageTone;
  text: string;
  /** 'online': it describes the desk being offline, so it goes once the desk service is back. */
  until?: 'online';
}

/** A message about being offline, kept unless the link has just come back up. */
const stillTrue = (message: DeskMessage | null, backUp: boolean) => (message?.until === 'online' && backUp ? null : message);

/**
 * UI state only. Rows live in Dexie and are read with useLiveQuery; a second
 * copy here would go stale the moment a change set lands.
 */
export interface DeskUiState {
  view: DeskView;
  /** null: the first location. */
  locationId: string | null;
  /** null: today, following the desk's clock past midnight. */
  day: LocalDay | null;
  /** null: the session running now or next. */
  sessionId: string | null;
  search: string;
  /** The renderer's link to the core; how the booking systems fare is in the saved desk status. */
  link: LinkState;
  /** How often the link has come (back) up: an error from before the last time is about an outage that is over. */
  linkUps: number;
  checkInMessage: DeskMessage | null;
  rosterMessage: DeskMessage | null;
  activityFilter: ActivityFilter;
  /** The keyboard shortcut overlay. */
  helpOpen: boolean;
  /** An installed desk's update waiting for the gym to close (the shell says so; browser mode never). */
  update: UpdateNotice;

  showView(view: DeskView): void;
  chooseLocation(locationId: string): void;
  showDay(day: LocalDay | null): void;
  openSession(sessionId: string): void;
  /** Back to the class running now or next, as the day goes on. */
  followNow(): void;
  setSearch(search: string): void;
  setLink(link: LinkState): void;
  tellCheckIn(message: DeskMessage | null): void;
  tellRoster(message: DeskMessage | null): void;
  /** Takes the message away if it is still the one shown (a toast's time is up). */
  dismissCheckIn(message: DeskMessage): void;
  dismissRoster(message: DeskMessage): void;
  filterActivity(filter: Partial<ActivityFilter>): void;
  showHelp(open: boolean): void;
  setUpdate(update: UpdateNotice): void;
}

export const initialUiState = {
  view: 'desk',
  locationId: null,
  day: null,
  sessionId: null,
  search: '',
  // Until the transport says otherwise, the desk is on its way to the core.
  link: 'connecting',
  linkUps: 0,
  checkInMessage: null,
  rosterMessage: null,
  activityFilter: { state: 'all', kind: 'all', text: '' },
  helpOpen: false,
  update: { state: 'none' },
} satisfies Partial<DeskUiState>;

export const useDeskStore = create<DeskUiState>()((set) => ({
  ...initialUiState,
  showView: (view) => set({ view }),
  chooseLocation: (locationId) => set({ locationId, sessionId: null, rosterMessage: null }),
  showDay: (day) => set({ day, sessionId: null, rosterMessage: null }),
  openSession: (sessionId) => set({ sessionId, rosterMessage: null }),
  followNow: () => set({ sessionId: null, rosterMessage: null }),
  setSearch: (search) => set({ search }),
  // Back online: "offline, not sent" is no longer true, so it must not stand next to "Online".
  setLink: (link) =>
    set((state) => {
      const backUp = link === 'up' && state.link !== 'up';
      return {
        link,
        linkUps: backUp ? state.linkUps + 1 : state.linkUps,
        checkInMessage: stillTrue(state.checkInMessage, backUp),
        rosterMessage: stillTrue(state.rosterMessage, backUp),
      };
    }),
  tellCheckIn: (checkInMessage) => set({ checkInMessage }),
  tellRoster: (rosterMessage) => set({ rosterMessage }),
  dismissCheckIn: (message) => set((state) => (state.checkInMessage === message ? { checkInMessage: null } : {})),
  dismissRoster: (message) => set((state) => (state.rosterMessage === message ? { rosterMessage: null } : {})),
  filterActivity: (filter) => set((state) => ({ activityFilter: { ...state.activityFilter, ...filter } })),
  showHelp: (helpOpen) => set({ helpOpen }),
  setUpdate: (update) => set({ update }),
}));
