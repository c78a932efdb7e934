import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../../src-shared/connections';
import type { Session } from '../../src-shared/domain';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { writeMeta } from '../../src-renderer/src/data/meta';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { RosterPanel } from '../../src-renderer/src/screens/roster/roster-panel';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aConnection, aLocation, aMember, aSession, allCapabilities, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;
const booking: Partial<Capabilities> = { book: true, validateBooking: true, memberSearch: true, waitlist: true };
// Known to the booking system but not kept in the desk's cache.
const zoe = aMember({ id: 'zoe', firstName: 'Zoe', lastName: 'Krause', memberNumber: '2001', barcode: undefined });

function systemThatCan(changes: Partial<Capabilities>): FakeCore {
  const connection = aConnection({ id: aSession().connectionId, capabilities: { ...allCapabilities(), ...changes } });
  const scene = rosterScene();
  return new FakeCore({ records: { ...scene, members: [...(scene.members ?? []), zoe] }, connections: [connection] });
}

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, rosterScene());
  core = systemThatCan(booking);
});
afterEach(() => dropDatabase(db));

function showRoster(session: Session = aSession()) {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <RosterPanel location={aLocation()} entry={{ session, instructorName: 'Mia' }} />
    </DeskProvider>,
  );
}

async function openWalkIn(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByTestId('add-member'));
  return screen.findByTestId('walk-in-dialog');
}

function search(dialog: HTMLElement, text: string, enter = false): void {
  const input = within(dialog).getByTestId('walk-in-search');
  fireEvent.change(input, { target: { value: text } });
  if (enter) fireEvent.keyDown(input, { key: 'Enter' });
}

async function choose(dialog: HTMLElement, memberId: string): Promise<void> {
  const results = await within(dialog).findAllByTestId('walk-in-result');
  fireEvent.click(results.find((r) => r.dataset['memberId'] === memberId)!);
}

describe('booking a walk-in', () => {
  it('shows why the system says no before offering to book, and books someone it allows', async () => {
    core.validations.set('yoga-1800|emil', { bookable: false, reasons: [{ code: 'no_class_credits', params: { member: 'Emil Fuchs' } }, { code: 'booking_limit_reached' }] });
    showRoster();
    const dialog = await openWalkIn();
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(document.activeElement).toBe(within(dialog).getByTestId('walk-in-search'));

    search(dialog, 'emil');
    await choose(dialog, 'emil');
    const refused = await within(dialog).findByTestId('walk-in-validation');
    expect(refused.dataset['bookable']).toBe('false');
    expect(refused.textContent).toBe(
      'Emil Fuchs cannot book this class:Emil Fuchs has no class credits left, so the class cannot be booked.The class and its waiting list are full.',
    );
    // Refused before booking: Book is not offered at all, and focus waits on the way on.
    expect(within(dialog).queryByTestId('walk-in-book')).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Choose another member' }));
    expect(core.calls.some((c) => c.command === 'bookMember')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Choose another member' }));
    search(dialog, 'müller');
    await choose(dialog, 'anna');
    const allowed = await within(dialog).findByTestId('walk-in-validation');
    expect(allowed.dataset['bookable']).toBe('true');
    expect(allowed.textContent).toBe('Anna Müller can book this class.');
    expect(core.calls.findLast((c) => c.command === 'validateBooking')?.input).toEqual({ sessionId: 'yoga-1800', memberId: 'anna' });
    fireEvent.click(within(dialog).getByTestId('walk-in-book'));

    await waitFor(() => expect(screen.queryByTestId('walk-in-dialog')).toBeNull());
    expect(core.calls.findLast((c) => c.command === 'bookMember')?.input).toEqual({
      actionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sessionId: 'yoga-1800',
      memberId: 'anna',
    });
    expect(screen.getByTestId('roster-message').textContent).toBe('Booking for Anna Müller sent.');
    expect((await screen.findByTestId('roster-walk-ins')).textContent).toBe('Bookings on their way: Anna Müller');
  });

  it('finds a member by a scanned card', async () => {
    showRoster();
    const dialog = await openWalkIn();
    search(dialog, '4000003', true);
    expect((await within(dialog).findByText('Member: Carla Berg')).tagName).toBe('P');
  });

  it('asks the booking system when the desk’s cache knows nobody by that name', async () => {
    showRoster();
    const dialog = await openWalkIn();
    search(dialog, 'zoe');
    expect(await within(dialog).findByText('Not in this desk’s list? Press Enter to ask the booking system.')).toBeTruthy();
    search(dialog, 'zoe', true);
    await choose(dialog, 'zoe');
    expect(core.calls.find((c) => c.command === 'searchMembers')?.input).toEqual({ connectionId: 'demo-1', query: 'zoe' });
    await within(dialog).findByTestId('walk-in-validation');
    fireEvent.click(within(dialog).getByTestId('walk-in-book'));
    await waitFor(() => expect(core.calls.findLast((c) => c.command === 'bookMember')?.input).toMatchObject({ memberId: 'zoe' }));
  });

  it('says a full class puts the member on the waitlist', async () => {
    showRoster(aSession({ booked: 20, capacity: 20 }));
    const dialog = await openWalkIn();
    search(dialog, 'anna');
    await choose(dialog, 'anna');
    expect(await within(dialog).findByText('This class is full: Anna Müller will go onto the waitlist.')).toBeTruthy();
    expect(within(dialog).getByTestId('walk-in-book').textContent).toBe('Add to the waitlist');
  });

  it('books without asking first where the system cannot check in advance', async () => {
    core = systemThatCan({ book: true });
    showRoster();
    const dialog = await openWalkIn();
    search(dialog, 'anna');
    await choose(dialog, 'anna');
    expect(within(dialog).queryByTestId('walk-in-validation')).toBeNull();
    fireEvent.click(within(dialog).getByTestId('walk-in-book'));
    await waitFor(() => expect(screen.queryByTestId('walk-in-dialog')).toBeNull());
    expect(core.calls.some((c) => c.command === 'validateBooking')).toBe(false);
  });

  it('keeps the dialog open with the system’s reason when it refuses the booking', async () => {
    core.answers.set('book', { state: 'rejected', error: { code: 'class_full' } });
    showRoster();
    const dialog = await openWalkIn();
    search(dialog, 'anna');
    await choose(dialog, 'anna');
    await within(dialog).findByTestId('walk-in-validation');
    fireEvent.click(within(dialog).getByTestId('walk-in-book'));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('Not done: The class is full.'));
    // The system said no to this very booking: Book does not stay on offer looking as if it would work.
    expect(within(dialog).queryByTestId('walk-in-book')).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Choose another member' }));
  });

  it('stops offering Book once the class starts while the dialog is open', async () => {
    showRoster();
    const dialog = await openWalkIn();
    search(dialog, 'anna');
    await choose(dialog, 'anna');
    await within(dialog).findByTestId('walk-in-validation');
    expect(within(dialog).getByTestId('walk-in-book')).toBeTruthy();
    // The desk's clock moves past 18:00 in Berlin, the class's start.
    await writeMeta(db, 'clockOffsetMs', Date.parse('2026-03-20T17:00:01.000Z') - Date.now());
    await waitFor(() => expect(within(dialog).queryByTestId('walk-in-book')).toBeNull());
    expect(within(dialog).getByText('This class can no longer be booked: it has started, or its booking has closed.')).toBeTruthy();
    expect(core.calls.some((c) => c.command === 'bookMember')).toBe(false);
  });

  it('is not offered where the system cannot book, nor for a cancelled class', async () => {
    core = systemThatCan({ book: false });
    const { unmount } = showRoster();
    await waitFor(() => expect(core.calls.some((c) => c.command === 'listCapabilities')).toBe(true));
    await screen.findAllByTestId('roster-row');
    await waitFor(() => expect(screen.queryByTestId('add-member')).toBeNull());
    unmount();

    core = systemThatCan(booking);
    showRoster(aSession({ status: 'cancelled' }));
    await screen.findAllByTestId('roster-row');
    expect(screen.queryByTestId('add-member')).toBeNull();
  });
});
