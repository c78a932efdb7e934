import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aConnection, allCapabilities, dropDatabase, freshDatabase } from './fixtures';

/**
 * What the desk offers follows the class's time by the desk's clock: the
 * scene's class runs 18:00–19:00 in Berlin (17:00–18:00 UTC).
 */
const duringCheckIn = '2026-03-20T16:50:00.000Z';
const afterTheClass = '2026-03-20T18:30:00.000Z';
const twoHoursBefore = '2026-03-20T15:00:00.000Z';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  core = new FakeCore({ records: rosterScene() });
});
afterEach(() => dropDatabase(db));

async function showDeskAt(now: string): Promise<void> {
  await seedCache(db, rosterScene(), now);
  core.now = now;
  render(
    <DeskProvider db={db} desk={core.api}>
      <App />
    </DeskProvider>,
  );
  await screen.findAllByTestId('roster-row');
}

function rowOf(bookingId: string): HTMLElement {
  const row = screen.getAllByTestId('roster-row').find((r) => r.dataset['bookingId'] === bookingId);
  if (!row) throw new Error(`no row for ${bookingId}`);
  return row;
}

const buttonsOf = (bookingId: string) => within(rowOf(bookingId)).queryAllByRole('button').map((button) => button.textContent);
const sent = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.input);

function press(bookingId: string, key: string): void {
  const row = rowOf(bookingId);
  row.focus();
  fireEvent.keyDown(row, { key });
}

describe('actions offered by the class’s time', () => {
  it('offers no check-in and no add member on a finished class, and a no-show where the system allows it', async () => {
    core.connections = [aConnection({ id: 'demo-1', capabilities: { ...allCapabilities(), book: true, markNoShow: true } })];
    await showDeskAt(afterTheClass);
    await waitFor(() => expect(core.calls.some((c) => c.command === 'listCapabilities')).toBe(true));
    await waitFor(() => expect(buttonsOf('booking-anna')).toEqual(['No-show']));
    expect(buttonsOf('booking-ben')).toEqual([]);
    expect(buttonsOf('booking-carla')).toEqual([]);
    expect(buttonsOf('booking-dora')).toEqual([]);
    expect(screen.queryByTestId('add-member')).toBeNull();

    // A key pressed anyway says why, and sends nothing.
    press('booking-anna', 'c');
    await waitFor(() => expect(screen.getByTestId('roster-message').textContent).toBe('Check-in closed at 19:00, when the class ended.'));
    fireEvent.keyDown(document.body, { key: 'a' });
    // A letter waits the scanner's key gap before it acts: look after it has had its chance.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByTestId('walk-in-dialog')).toBeNull();
    expect(sent('checkIn')).toEqual([]);

    press('booking-anna', 'n');
    await waitFor(() => expect(sent('markNoShow')).toEqual([expect.objectContaining({ bookingId: 'booking-anna' })]));
  });

  it('offers no no-show where the system cannot mark one', async () => {
    core.connections = [aConnection({ id: 'demo-1', capabilities: { ...allCapabilities(), markNoShow: false } })];
    await showDeskAt(afterTheClass);
    await waitFor(() => expect(core.calls.some((c) => c.command === 'listCapabilities')).toBe(true));
    await waitFor(() => expect(buttonsOf('booking-anna')).toEqual([]));
  });

  it('offers check-in only once its window opens, and says when it opens', async () => {
    await showDeskAt(twoHoursBefore);
    expect(buttonsOf('booking-anna')).toEqual(['Cancel']);
    expect(buttonsOf('booking-carla')).toEqual(['Promote', 'Cancel']);
    expect(screen.getByTestId('add-member')).toBeTruthy();
    press('booking-anna', 'c');
    await waitFor(() => expect(screen.getByTestId('roster-message').textContent).toBe('Check-in for Anna Müller opens at 17:00.'));
    expect(sent('checkIn')).toEqual([]);
  });

  it('offers promote and cancel before the start, not once the class runs', async () => {
    await showDeskAt('2026-03-20T17:10:00.000Z');
    expect(buttonsOf('booking-anna')).toEqual(['Check in']);
    expect(buttonsOf('booking-carla')).toEqual([]);
    expect(buttonsOf('booking-dora')).toEqual([]);
    expect(screen.queryByTestId('add-member')).toBeNull();
    press('booking-carla', 'p');
    await waitFor(() => expect(screen.getByTestId('roster-message').textContent).toBe('Promote from the waitlist was possible only until the class started.'));
  });
});

describe('the command palette', () => {
  it('opens with Ctrl+K, lists only what fits now, and runs the chosen action by keyboard', async () => {
    await showDeskAt(duringCheckIn);
    fireEvent.keyDown(screen.getByTestId('check-in-input'), { key: 'k', code: 'KeyK', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    const search = within(palette).getByTestId('palette-search');
    expect(document.activeElement).toBe(search);
    const listed = within(palette).getAllByTestId('palette-item').map((item) => item.dataset['item']);
    expect(listed).toEqual([
      'addMember',
      'check_in:booking-anna',
      'cancel_booking:booking-anna',
      'undo_check_in:booking-ben',
      'promote_from_waitlist:booking-carla',
      'cancel_booking:booking-carla',
      'confirm_booking_request:booking-dora',
      'reject_booking_request:booking-dora',
      // The header offers the Wellhub requests list here: this system answers booking requests.
      'wellhubRequests',
      'help',
    ]);

    // Accents do not matter; the arrows choose; Enter runs.
    fireEvent.change(search, { target: { value: 'muller' } });
    expect(within(palette).getAllByTestId('palette-item').map((item) => item.textContent)).toEqual(['Check in: Anna Müller', 'Cancel: Anna Müller']);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'ArrowUp' });
    expect(search.getAttribute('aria-activedescendant')).toBe(within(palette).getAllByTestId('palette-item')[0]?.id);
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(sent('checkIn')).toEqual([expect.objectContaining({ bookingId: 'booking-anna' })]));
    expect(screen.queryByTestId('command-palette')).toBeNull();
  });

  it('lists the focused person’s actions first, with their keys, and opens a dialog an action asks with', async () => {
    await showDeskAt(duringCheckIn);
    const row = rowOf('booking-carla');
    row.focus();
    fireEvent.keyDown(row, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    const items = within(palette).getAllByTestId('palette-item');
    expect(items.slice(0, 2).map((item) => item.textContent)).toEqual(['Promote: Carla BergP', 'Cancel: Carla BergX']);
    const search = within(palette).getByTestId('palette-search');
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(await screen.findByTestId('cancel-dialog')).toBeTruthy();
  });

  it('says so when nothing fits what was typed', async () => {
    await showDeskAt(afterTheClass);
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    fireEvent.change(within(palette).getByTestId('palette-search'), { target: { value: 'check in' } });
    expect(within(palette).queryAllByTestId('palette-item')).toEqual([]);
    expect(within(palette).getByText('No action fits what you typed.')).toBeTruthy();
  });
});

describe('the shortcut help', () => {
  it('lists the registry’s keys and opens at its top', async () => {
    await showDeskAt(duringCheckIn);
    fireEvent.keyDown(document.body, { key: '?' });
    const help = await screen.findByTestId('shortcut-help');
    // Focus on its first line, not on the Close button at its end, which scrolled it to the bottom.
    expect(document.activeElement).toBe(within(help).getByTestId('shortcut-help-start'));
    expect(help.scrollTop).toBe(0);
    const row = (name: string) => within(help).getAllByTestId('shortcut').find((r) => r.dataset['command'] === name)?.textContent;
    expect(row('mark_no_show')).toBe('NMark the person as a no-show (after the class)');
    expect(row('palette')).toBe('Ctrl+KFind and run an action by name');
  });
});
