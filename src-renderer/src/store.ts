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
}

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
  setSearch(search: string): void;
  setLink(link: LinkState): void;
  tellCheckIn(message: DeskMessage | null): void;
  tellRoster(message: DeskMessage | null): void;
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
  setSearch: (search) => set({ search }),
  setLink: (link) => set({ link }),
  tellCheckIn: (checkInMessage) => set({ checkInMessage }),
  tellRoster: (rosterMessage) => set({ rosterMessage }),
  filterActivity: (filter) => set((state) => ({ activityFilter: { ...state.activityFilter, ...filter } })),
  showHelp: (helpOpen) => set({ helpOpen }),
  setUpdate: (update) => set({ update }),
}));
