import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import type { PaperPage } from '../../src-renderer/src/desk/todays-rosters';
import { RosterPanel } from '../../src-renderer/src/screens/roster/roster-panel';
import { SettingsScreen } from '../../src-renderer/src/screens/settings/settings-screen';
import { TodaysRostersButton } from '../../src-renderer/src/screens/today/todays-rosters-button';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import type { PaperOpenAnswer } from '../../src-shared/paper';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aBooking, aLocation, aMember, aSession, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

const scene = rosterScene();
scene.members = [...(scene.members ?? []), aMember({ id: 'elif', firstName: 'Elif', lastName: 'Şahin', memberNumber: 'M-10116' }), aMember({ id: 'lukasz', firstName: 'Łukasz', lastName: 'Kowalski', memberNumber: 'M-10201' })];
scene.bookings = [...(scene.bookings ?? []), aBooking({ id: 'booking-elif', memberId: 'elif' }), aBooking({ id: 'booking-lukasz', memberId: 'lukasz', status: 'checked_in' })];

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, scene);
  core = new FakeCore({ records: scene });
});
afterEach(() => {
  vi.restoreAllMocks();
  return dropDatabase(db);
});

function showRoster() {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <RosterPanel location={aLocation()} entry={{ session: aSession(), instructorName: 'Mia Đorđević' }} />
    </DeskProvider>,
  );
}

const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((cell) => cell.textContent);

describe('the roster on paper', () => {
  it('prints the class, its time in the gym’s zone, room, instructor, and every participant with status and a box', async () => {
    showRoster();
    const paper = await screen.findByTestId('print-roster');
    // Outside the desk's own tree: the print stylesheet shows this alone, whatever the layout.
    expect(paper.parentElement).toBe(document.body);
    expect(within(paper).getByRole('heading', { level: 1, hidden: true }).textContent).toBe('Yoga');
    // 17:00 UTC is 18:00 in Berlin in March.
    expect(within(paper).getByTestId('print-meta').textContent).toBe('18:00–19:00   ·   Room: Studio 1   ·   Instructor: Mia Đorđević');
    expect(paper.textContent).toContain('Berlin Mitte · Friday, 20 March 2026');
    await waitFor(() => expect(within(paper).getAllByTestId('print-row')).toHaveLength(6));
    const rows = within(paper).getAllByTestId('print-row').map(cells);
    // In the desk's order: who is expected and who is in share one list by last name; then waitlist, pending.
    expect(rows).toEqual([
      ['', 'Ben Adler', '1002', 'Checked in'],
      ['', 'Łukasz Kowalski', 'M-10201', 'Checked in'],
      ['', 'Anna Müller', '1001', 'Booked'],
      ['', 'Elif Şahin', 'M-10116', 'Booked'],
      ['', 'Carla Berg', '1003', 'Place 1 on the waitlist'],
      ['', 'Dora Zimmer', '1004', 'Unconfirmed'],
    ]);
    // Every line has an empty box to tick; the cancelled booking is not on the paper.
    for (const row of within(paper).getAllByTestId('print-row')) expect(row.querySelector('.print-box')).not.toBeNull();
    expect(paper.textContent).not.toContain('Emil Fuchs');
    expect(within(paper).getAllByTestId('print-walk-in')).toHaveLength(3);
  });

  it('prints from the roster header’s button and from Ctrl+P', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    showRoster();
    fireEvent.click(await screen.findByRole('button', { name: 'Print the roster of Yoga' }));
    expect(print).toHaveBeenCalledTimes(1);
    const ctrlP = new KeyboardEvent('keydown', { key: 'p', ctrlKey: true, bubbles: true, cancelable: true });
    act(() => void window.dispatchEvent(ctrlP));
    expect(print).toHaveBeenCalledTimes(2);
    // The browser's own print dialog must not open a second time over ours.
    expect(ctrlP.defaultPrevented).toBe(true);
  });

  it('leaves the paper when the roster closes', async () => {
    const view = showRoster();
    await screen.findByTestId('print-roster');
    view.unmount();
    expect(document.querySelector('.print-roster')).toBeNull();
  });
});

function pageWith(patch: Partial<PaperPage>): PaperPage & { fetched: string[]; headers: HeadersInit[]; opened: string[]; downloaded: string[] } {
  const fetched: string[] = [];
  const headers: HeadersInit[] = [];
  const opened: string[] = [];
  const downloaded: string[] = [];
  return {
    paper: undefined,
    token: 'the-key',
    fetch: async (path, init) => {
      fetched.push(path);
      headers.push(init.headers ?? {});
      return new Response(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    },
    open: (url) => {
      opened.push(url);
      return window;
    },
    download: (url) => void downloaded.push(url),
    ...patch,
    fetched,
    headers,
    opened,
    downloaded,
  };
}

function showButton(page: PaperPage) {
  render(
    <DeskProvider db={db} desk={core.api}>
      <TodaysRostersButton location={aLocation()} page={page} />
    </DeskProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Print today’s rosters of Berlin Mitte' }));
}

describe('Print today’s rosters', () => {
  it('browser mode: has the core write the kit, fetches the location’s PDF with the key and opens it in a tab', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:kit');
    const page = pageWith({});
    showButton(page);
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toBe('Today’s rosters are open as a PDF: print them from there.'));
    expect(core.calls.filter((c) => c.command === 'writeOutageKit')).toHaveLength(1);
    expect(page.fetched).toEqual(['/outage-kit/2026-03-20/berlin.pdf']);
    expect(page.headers).toEqual([{ 'X-Classdesk-Token': 'the-key' }]);
    expect(page.opened).toEqual(['blob:kit']);
  });

  it('saves the PDF when the browser keeps the tab from opening, and says so', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:kit');
    const page = pageWith({ open: () => null });
    showButton(page);
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toMatch(/saved as a PDF download/));
    expect(page.downloaded).toEqual(['blob:kit']);
  });

  it('says why when the server refuses the PDF, or the core wrote none for this location', async () => {
    showButton(pageWith({ fetch: async () => new Response(null, { status: 401 }) }));
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toBe('Today’s rosters could not be opened: HTTP 401'));
    core.outageKits = [];
    fireEvent.click(screen.getByRole('button', { name: 'Print today’s rosters of Berlin Mitte' }));
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toBe('No rosters were written for this location.'));
  });

  it('Electron: asks the shell to open the location’s kit, and says what the PC answered', async () => {
    const asked: string[] = [];
    let answer: PaperOpenAnswer = { outcome: 'opened', file: '2026-03-20/berlin.pdf' };
    const page = pageWith({
      paper: {
        openTodaysRosters: async (locationId) => {
          asked.push(locationId);
          return answer;
        },
      },
    });
    showButton(page);
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toMatch(/open as a PDF/));
    expect(asked).toEqual(['berlin']);
    // The shell writes the kit itself: the page neither calls the core nor fetches anything.
    expect(core.calls.filter((c) => c.command === 'writeOutageKit')).toEqual([]);
    expect(page.fetched).toEqual([]);
    answer = { outcome: 'failed', reason: 'No application is associated with the specified file' };
    fireEvent.click(screen.getByRole('button', { name: 'Print today’s rosters of Berlin Mitte' }));
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toBe('Today’s rosters could not be opened: No application is associated with the specified file'));
    answer = { outcome: 'none' };
    fireEvent.click(screen.getByRole('button', { name: 'Print today’s rosters of Berlin Mitte' }));
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toBe('No rosters were written for this location.'));
    answer = { outcome: 'refused' };
    fireEvent.click(screen.getByRole('button', { name: 'Print today’s rosters of Berlin Mitte' }));
    await waitFor(() => expect(screen.getByTestId('todays-rosters-note').textContent).toBe('Today’s rosters could not be opened: Classdesk could not accept this request.'));
  });
});

describe('when the outage kit is written, on the Settings screen', () => {
  it('shows the minutes before the first class and saves a new value, refusing one out of range', async () => {
    render(
      <DeskProvider db={db} desk={core.api}>
        <SettingsScreen onWiped={() => undefined} />
      </DeskProvider>,
    );
    const field = (await screen.findByLabelText('Write the paper rosters this many minutes before the first class')) as HTMLInputElement;
    expect(field.value).toBe('30');
    fireEvent.change(field, { target: { value: '800' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-message').textContent).toContain('outageKitMinutesBefore'));
    expect(core.calls.filter((c) => c.command === 'saveSettings')).toEqual([]);
    fireEvent.change(field, { target: { value: '45' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-message').textContent).toBe('Settings saved.'));
    expect(core.calls.filter((c) => c.command === 'saveSettings').map((c) => c.input)).toEqual([{ outageKitMinutesBefore: 45 }]);
  });
});
