import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { DeskAction } from '../../src-shared/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { useArrivingActions } from '../../src-renderer/src/data/arriving-actions';
import { writeMeta } from '../../src-renderer/src/data/meta';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { RosterPanel } from '../../src-renderer/src/screens/roster/roster-panel';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { coreNow } from './desk-scene';
import { FakeCore } from './fake-core';
import { aBooking, aConnection, aDeskAction, aLocation, aMember, aSession, allCapabilities, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

const members = [
  aMember(),
  aMember({ id: 'ben', firstName: 'Ben', lastName: 'Adler', memberNumber: '1002' }),
  aMember({ id: 'carla', firstName: 'Carla', lastName: 'Berg', memberNumber: '1003' }),
  aMember({ id: 'dora', firstName: 'Dora', lastName: 'Zimmer', memberNumber: '1004' }),
  aMember({ id: 'emil', firstName: 'Emil', lastName: 'Fuchs', memberNumber: '1005' }),
];
const bookings = [
  aBooking(),
  aBooking({ id: 'booking-ben', memberId: 'ben', status: 'checked_in', source: 'magicline' }),
  aBooking({ id: 'booking-carla', memberId: 'carla', status: 'waitlisted', waitlistPosition: 2 }),
  aBooking({ id: 'booking-dora', memberId: 'dora', status: 'waitlisted', waitlistPosition: 1 }),
  aBooking({ id: 'booking-emil', memberId: 'emil', status: 'cancelled' }),
];

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  useArrivingActions.setState({ byBooking: new Map() });
  db = freshDatabase();
  const records = { locations: [aLocation()], sessions: [aSession()], members, bookings };
  await applySnapshot(db, snapshotOf(1, records));
  // The desk judges what fits by its clock: ten minutes before the class, as the core says.
  await writeMeta(db, 'clockOffsetMs', Date.parse(coreNow) - Date.now());
  core = new FakeCore({ records });
});
afterEach(() => dropDatabase(db));

function showRoster() {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <RosterPanel location={aLocation()} entry={{ session: aSession(), instructorName: 'Mia' }} />
    </DeskProvider>,
  );
}

const rowOf = async (bookingId: string): Promise<HTMLElement> => {
  const rows = await screen.findAllByTestId('roster-row');
  const row = rows.find((r) => r.dataset['bookingId'] === bookingId);
  if (!row) throw new Error(`no row for ${bookingId}`);
  return row;
};

describe('the roster', () => {
  it('says when the system shares counts but not who booked', async () => {
    const partial = aConnection({ id: aSession().connectionId, capabilities: { ...allCapabilities(), roster: false } });
    core = new FakeCore({ records: { sessions: [aSession()] }, connections: [partial] });
    showRoster();
    expect((await screen.findByTestId('roster-partial')).textContent).toMatch(/not who booked them/);
  });

  it('offers no check-in where the system cannot check members into a class', async () => {
    const noCheckIn = aConnection({ id: aSession().connectionId, capabilities: { ...allCapabilities(), checkIn: false } });
    core = new FakeCore({ records: { sessions: [aSession()] }, connections: [noCheckIn] });
    showRoster();
    await waitFor(() => expect(core.calls.some((c) => c.command === 'listCapabilities')).toBe(true));
    const booked = await rowOf('booking-anna');
    await waitFor(() => expect(within(booked).queryByRole('button', { name: /^Check in/ })).toBeNull());
    expect(within(await rowOf('booking-ben')).getByRole('button', { name: /^Undo check-in/ })).toBeTruthy();
  });

  it('shows no such note for a system with full rosters', async () => {
    core = new FakeCore({ records: { sessions: [aSession()] }, connections: [aConnection({ id: aSession().connectionId })] });
    showRoster();
    await screen.findAllByTestId('roster-row');
    await waitFor(() => expect(core.calls.some((c) => c.command === 'listCapabilities')).toBe(true));
    expect(screen.queryByTestId('roster-partial')).toBeNull();
  });

  it('groups participants by status in desk order, with counts', async () => {
    showRoster();
    await screen.findAllByTestId('roster-row');

    const headings = screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent);
    // Who is in stays on the same list as who is expected, by name: a check-in marks the row in place.
    expect(headings).toEqual(['Booked (2, 1 checked in)', 'Waitlisted (2)', 'Cancelled (1)']);
    const expected = screen.getAllByRole('list')[0]!;
    expect(within(expected).getAllByTestId('roster-row').map((r) => r.dataset['status'])).toEqual(['checked_in', 'booked']);

    const waitlist = screen.getAllByTestId('roster-row').filter((r) => r.dataset['status'] === 'waitlisted');
    expect(waitlist.map((r) => r.dataset['memberId'])).toEqual(['dora', 'carla']);
    expect(within(await rowOf('booking-ben')).getByText('Magicline')).toBeTruthy();
    expect(within(await rowOf('booking-ben')).getByText('No. 1002')).toBeTruthy();
  });

  it('offers the actions that fit each booking', async () => {
    showRoster();
    const buttons = async (bookingId: string) =>
      within(await rowOf(bookingId))
        .queryAllByRole('button')
        .map((button) => button.getAttribute('aria-label'));
    expect(await buttons('booking-anna')).toEqual(['Check in Anna Müller', 'Cancel the booking of Anna Müller']);
    expect(await buttons('booking-ben')).toEqual(['Undo check-in Ben Adler']);
    expect(await buttons('booking-carla')).toEqual([
      'Promote Carla Berg from the waitlist onto the class',
      'Cancel the booking of Carla Berg',
    ]);
    expect(await buttons('booking-emil')).toEqual([]);
  });

  it('checks in through the core and shows the action as pending at once', async () => {
    showRoster();
    fireEvent.click(within(await rowOf('booking-anna')).getByRole('button', { name: /^Check in/ }));

    await waitFor(() => expect(within(screen.getByTestId('roster-message')).getByText('Check-in for Anna Müller sent.')).toBeTruthy());
    const call = core.calls.find((c) => c.command === 'checkIn');
    expect(call?.input).toMatchObject({ bookingId: 'booking-anna', actionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const stored = await db.deskActions.where('bookingId').equals('booking-anna').toArray();
    expect(stored.map((a) => a.state)).toEqual(['accepted']);

    const row = await rowOf('booking-anna');
    await waitFor(() => expect(within(row).getByTestId('roster-pending').textContent).toBe('Check-in pending'));
    // Still focusable, so the keyboard stays on the row, but it will not send the same check-in twice.
    const button = within(row).getByRole('button', { name: /^Check in/ });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(core.calls.filter((c) => c.command === 'checkIn')).toHaveLength(1);
  });

  it('shows an action the core published as pending before the cache has written it', async () => {
    showRoster();
    await rowOf('booking-anna');
    act(() => useArrivingActions.getState().hold([aDeskAction()]));
    const row = await rowOf('booking-anna');
    expect(within(row).getByTestId('roster-pending').textContent).toBe('Check-in pending');
    expect(await db.deskActions.count()).toBe(0);
  });

  it('shows a rejected action cached before errors crossed as codes, its sentence as it was', async () => {
    // A page's cache from the release before keeps the error as a sentence; it is not the contract's shape any more.
    const legacy = {
      id: crypto.randomUUID(),
      kind: 'check_in',
      state: 'rejected',
      bookingId: 'booking-anna',
      sessionId: 'yoga-1800',
      memberId: 'anna',
      connectionId: 'demo-1',
      createdAt: '2026-03-20T16:40:00.000Z',
      updatedAt: '2026-03-20T16:41:00.000Z',
      error: 'Membership paused',
    };
    await db.deskActions.put(legacy as unknown as DeskAction);
    showRoster();
    expect(await within(await rowOf('booking-anna')).findByText('Not done: Membership paused')).toBeTruthy();
  });

  it('says so in plain words when the desk is offline', async () => {
    showRoster();
    core.drop();
    fireEvent.click(within(await rowOf('booking-ben')).getByRole('button', { name: /^Undo check-in/ }));

    const message = screen.getByTestId('roster-message');
    await waitFor(() => expect(message.textContent).toMatch(/^The desk is offline/));
    expect(message.getAttribute('aria-live')).toBe('polite');
    expect(await db.deskActions.count()).toBe(0);
  });

  it('says the roster could not be read and shows the last list it knows, never an empty class', async () => {
    const unread = aSession({ rosterUnread: true });
    await db.sessions.put(unread);
    render(
      <DeskProvider db={db} desk={core.api}>
        <RosterPanel location={aLocation()} entry={{ session: unread, instructorName: 'Mia' }} />
      </DeskProvider>,
    );

    expect((await screen.findByTestId('roster-unread')).textContent).toBe(
      'The booking system could not give this roster at the last sync. Shown here: the last list the desk read.',
    );
    expect(await screen.findAllByTestId('roster-row')).toHaveLength(bookings.length);
  });

  it('says no list is known when an unread roster has no bookings cached', async () => {
    const unread = aSession({ id: 'spin', rosterUnread: true });
    await db.sessions.put(unread);
    render(
      <DeskProvider db={db} desk={core.api}>
        <RosterPanel location={aLocation()} entry={{ session: unread, instructorName: 'Mia' }} />
      </DeskProvider>,
    );

    expect((await screen.findByTestId('roster-unread')).textContent).toBe(
      'The booking system could not give this roster at the last sync, and the desk has no earlier list.',
    );
    expect(screen.queryByText('Nobody has booked this class yet.')).toBeNull();
  });

  it('says nobody booked a class whose roster was read and is empty', async () => {
    const empty = aSession({ id: 'spin' });
    render(
      <DeskProvider db={db} desk={core.api}>
        <RosterPanel location={aLocation()} entry={{ session: empty, instructorName: 'Mia' }} />
      </DeskProvider>,
    );

    expect(await screen.findByText('Nobody has booked this class yet.')).toBeTruthy();
    expect(screen.queryByTestId('roster-unread')).toBeNull();
  });
});
