import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { en } from '../../src-renderer/src/i18n/en';
import { deskCommands } from '../../src-renderer/src/shortcuts/desk-commands';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, rosterScene());
  core = new FakeCore({ records: rosterScene() });
});
afterEach(() => dropDatabase(db));

async function showDesk(): Promise<void> {
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

/** Presses a key with focus on the row, as a receptionist who tabbed or arrowed there would. */
function press(bookingId: string, key: string): void {
  const row = rowOf(bookingId);
  row.focus();
  fireEvent.keyDown(row, { key });
}

const sent = (command: string) => core.calls.filter((c) => c.command === command).map((c) => c.input);

describe('keyboard shortcuts', () => {
  it('run the same actions as the roster buttons, on the row with focus', async () => {
    await showDesk();
    press('booking-anna', 'c');
    await waitFor(() => expect(sent('checkIn')).toEqual([expect.objectContaining({ bookingId: 'booking-anna' })]));
    press('booking-ben', 'u');
    await waitFor(() => expect(sent('undoCheckIn')).toEqual([expect.objectContaining({ bookingId: 'booking-ben' })]));
    press('booking-carla', 'p');
    await waitFor(() => expect(sent('promoteFromWaitlist')).toEqual([expect.objectContaining({ bookingId: 'booking-carla' })]));
    press('booking-dora', 'y');
    await waitFor(() => expect(sent('confirmBookingRequest')).toEqual([expect.objectContaining({ bookingId: 'booking-dora' })]));
    // The scanner's input got none of these letters.
    expect((screen.getByTestId('check-in-input') as HTMLInputElement).value).toBe('');
  });

  it('open the same dialogs for cancel and reject, and focus comes back to the row', async () => {
    await showDesk();
    press('booking-anna', 'x');
    const cancel = await screen.findByTestId('cancel-dialog');
    // Shortcuts stand back while a dialog is open.
    fireEvent.keyDown(within(cancel).getByTestId('cancel-confirm'), { key: 'r' });
    expect(screen.queryByTestId('reject-dialog')).toBeNull();
    fireEvent.keyDown(cancel, { key: 'Escape' });
    expect(screen.queryByTestId('cancel-dialog')).toBeNull();
    expect(document.activeElement).toBe(rowOf('booking-anna'));

    press('booking-dora', 'r');
    fireEvent.click(within(await screen.findByTestId('reject-dialog')).getByTestId('reject-confirm'));
    await waitFor(() => expect(sent('rejectBookingRequest')).toEqual([expect.objectContaining({ bookingId: 'booking-dora', reason: 'GENERAL_ERROR' })]));
  });

  it('say so when the action does not fit the booking, and send nothing', async () => {
    await showDesk();
    press('booking-ben', 'c');
    // A lone letter waits the scanner's key gap before it acts (it might start a card code).
    await waitFor(() => expect(screen.getByTestId('roster-message').textContent).toBe('Check in is not possible for Ben Adler (Checked in).'));
    expect(sent('checkIn')).toEqual([]);
  });

  it('do not fire while typing in a field', async () => {
    await showDesk();
    const input = screen.getByTestId('check-in-input');
    input.focus();
    // A name being typed: "a" is already in the field.
    fireEvent.change(input, { target: { value: 'a' } });
    fireEvent.keyDown(input, { key: 'a' });
    fireEvent.keyDown(input, { key: '?' });
    expect(screen.queryByTestId('walk-in-dialog')).toBeNull();
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
  });

  it('add a member with A and move through the roster with the arrow keys', async () => {
    await showDesk();
    fireEvent.keyDown(document.body, { key: 'a' });
    const dialog = await screen.findByTestId('walk-in-dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });

    // Booked and checked in share one list, by last name: Ben Adler, then Anna Müller.
    press('booking-ben', 'ArrowDown');
    expect(document.activeElement).toBe(rowOf('booking-anna'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rowOf('booking-ben'));
  });

  it('are all listed in the help, from the same table that runs them', async () => {
    await showDesk();
    fireEvent.keyDown(document.body, { key: '?' });
    const help = await screen.findByTestId('shortcut-help');
    expect(help.getAttribute('role')).toBe('dialog');

    const listed = within(help).getAllByTestId('shortcut');
    expect(listed.map((row) => row.dataset['command'])).toEqual(deskCommands.map((command) => command.name));
    const row = (name: string) => listed.find((r) => r.dataset['command'] === name)!;
    expect(row('check_in').textContent).toBe(`C${en.shortcuts.commands.check_in}`);
    expect(row('wellhubVisit').textContent).toBe(`Alt+W${en.shortcuts.commands.wellhubVisit}`);
    expect(row('help').textContent).toBe(`? or F1${en.shortcuts.commands.help}`);
    expect(row('previousDay').textContent).toBe(`Page Up or Alt+Left arrow${en.shortcuts.commands.previousDay}`);

    fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
    fireEvent.keyDown(screen.getByTestId('check-in-input'), { key: 'F1' });
    expect(await screen.findByTestId('shortcut-help')).toBeTruthy();
  });

  it('open the help with ? in the idle check-in bar, but not once something is typed there', async () => {
    await showDesk();
    const input = screen.getByTestId('check-in-input') as HTMLInputElement;
    fireEvent.keyDown(input, { key: '?' });
    expect(await screen.findByTestId('shortcut-help')).toBeTruthy();
    fireEvent.keyDown(screen.getByTestId('shortcut-help'), { key: 'Escape' });
    fireEvent.change(input, { target: { value: '12' } });
    fireEvent.keyDown(input, { key: '?' });
    expect(screen.queryByTestId('shortcut-help')).toBeNull();
  });

  it('are named on the buttons that do the same', async () => {
    await showDesk();
    expect(within(rowOf('booking-anna')).getByTestId('action-check-in').getAttribute('aria-keyshortcuts')).toBe('C');
    expect(within(rowOf('booking-anna')).getByTestId('action-cancel').getAttribute('aria-keyshortcuts')).toBe('X');
    expect(screen.getByTestId('add-member').getAttribute('aria-keyshortcuts')).toBe('A');
    expect(screen.getByTestId('show-shortcuts').getAttribute('aria-keyshortcuts')).toBe('? F1');
  });
});
