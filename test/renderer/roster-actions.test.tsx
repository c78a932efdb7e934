import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Capabilities } from '../../src-shared/connections';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { RosterPanel } from '../../src-renderer/src/screens/roster/roster-panel';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aConnection, aDeskAction, aLocation, aSession, allCapabilities, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, rosterScene());
  core = new FakeCore({ records: rosterScene() });
});
afterEach(() => dropDatabase(db));

function showRoster() {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <RosterPanel location={aLocation()} entry={{ session: aSession(), instructorName: 'Mia' }} />
    </DeskProvider>,
  );
}

/** The session's own system, with some capabilities switched. */
function systemThatCan(changes: Partial<Capabilities>): FakeCore {
  const connection = aConnection({ id: aSession().connectionId, capabilities: { ...allCapabilities(), ...changes } });
  return new FakeCore({ records: rosterScene(), connections: [connection] });
}

async function rowOf(bookingId: string): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('roster-row');
  const row = rows.find((r) => r.dataset['bookingId'] === bookingId);
  if (!row) throw new Error(`no row for ${bookingId}`);
  return row;
}

const actionIds = async (bookingId: string) =>
  [...(await rowOf(bookingId)).querySelectorAll<HTMLElement>('button')].map((b) => b.dataset['testid']);

const lastCall = (command: string) => core.calls.findLast((c) => c.command === command)?.input;
const message = () => screen.getByTestId('roster-message').textContent;

describe('the actions on a roster row', () => {
  it('offers everything each state fits when the system is unknown (the demo studio)', async () => {
    showRoster();
    expect(await actionIds('booking-anna')).toEqual(['action-check-in', 'action-cancel']);
    expect(await actionIds('booking-ben')).toEqual(['action-undo']);
    expect(await actionIds('booking-carla')).toEqual(['action-promote', 'action-cancel']);
    expect(await actionIds('booking-dora')).toEqual(['action-confirm', 'action-reject']);
    expect(await actionIds('booking-emil')).toEqual([]);
  });

  it('offers only what the booking’s system allows', async () => {
    core = systemThatCan({ cancelBooking: false, promoteFromWaitlist: false, confirmBookingRequests: false, undoCheckIn: false });
    showRoster();
    await waitFor(async () => expect(await actionIds('booking-anna')).toEqual(['action-check-in']));
    expect(await actionIds('booking-ben')).toEqual([]);
    expect(await actionIds('booking-carla')).toEqual([]);
    expect(await actionIds('booking-dora')).toEqual([]);
  });

  it('offers confirm and reject for booking requests where the system takes them', async () => {
    core = systemThatCan({ confirmBookingRequests: true });
    showRoster();
    await waitFor(() => expect(core.calls.some((c) => c.command === 'listCapabilities')).toBe(true));
    expect(await actionIds('booking-dora')).toEqual(['action-confirm', 'action-reject']);
  });

  it('promotes from the waitlist and shows it pending at once', async () => {
    showRoster();
    fireEvent.click(within(await rowOf('booking-carla')).getByTestId('action-promote'));

    await waitFor(() => expect(message()).toBe('Moving Carla Berg from the waitlist onto the class: sent.'));
    expect(lastCall('promoteFromWaitlist')).toEqual({ actionId: expect.stringMatching(/^[0-9a-f-]{36}$/), bookingId: 'booking-carla' });
    await waitFor(async () => expect(within(await rowOf('booking-carla')).getByTestId('roster-pending').textContent).toBe('Promotion pending'));
  });

  it('confirms a booking request and says when the system confirmed it', async () => {
    core.answers.set('confirm_booking_request', { state: 'confirmed' });
    showRoster();
    fireEvent.click(within(await rowOf('booking-dora')).getByTestId('action-confirm'));

    await waitFor(() => expect(message()).toBe('The booking request of Dora Zimmer is confirmed.'));
    expect(lastCall('confirmBookingRequest')).toMatchObject({ bookingId: 'booking-dora' });
    expect((await db.deskActions.toArray()).map((a) => [a.kind, a.state])).toEqual([['confirm_booking_request', 'confirmed']]);
  });

  it('rejects a booking request with the reason category chosen', async () => {
    showRoster();
    fireEvent.click(within(await rowOf('booking-dora')).getByTestId('action-reject'));

    const dialog = await screen.findByTestId('reject-dialog');
    expect(dialog.getAttribute('role')).toBe('dialog');
    const reasons = within(dialog).getByLabelText('Reason') as HTMLSelectElement;
    expect(reasons.value).toBe('GENERAL_ERROR');
    expect([...reasons.options].map((o) => o.value)).toContain('CLASS_HAS_BEEN_CANCELED');
    fireEvent.change(reasons, { target: { value: 'CLASS_IS_FULL' } });
    expect(reasons.selectedOptions[0]?.textContent).toBe('The class is full');
    fireEvent.click(within(dialog).getByTestId('reject-confirm'));

    await waitFor(() => expect(screen.queryByTestId('reject-dialog')).toBeNull());
    expect(lastCall('rejectBookingRequest')).toMatchObject({ bookingId: 'booking-dora', reason: 'CLASS_IS_FULL' });
    expect(message()).toBe('Rejection of the booking request of Dora Zimmer sent.');
  });

  it('shows the provider’s reason in plain words when it says no', async () => {
    core.answers.set('check_in', { state: 'rejected', error: { code: 'membership_paused' } });
    showRoster();
    fireEvent.click(within(await rowOf('booking-anna')).getByTestId('action-check-in'));

    const words = 'Not done: The member’s membership is paused (idle period) on the day of this class.';
    await waitFor(() => expect(message()).toBe(words));
    expect(await within(await rowOf('booking-anna')).findByText(words)).toBeTruthy();
  });

  it('shows the core’s own words when the system cannot do what the desk asked', async () => {
    core.unsupported.add('promote_from_waitlist');
    showRoster();
    fireEvent.click(within(await rowOf('booking-carla')).getByTestId('action-promote'));

    await waitFor(() => expect(message()).toBe('Not done: This system does not let the desk do that.'));
    expect(await db.deskActions.count()).toBe(0);
  });

  it('marks an action refused after queueing as needing attention', async () => {
    await db.deskActions.put(aDeskAction({ bookingId: 'booking-carla', kind: 'promote_from_waitlist', state: 'needs_attention', error: { code: 'class_started', params: { session: 'Yoga', startedAt: '2026-03-20T17:00:00.000Z' } } }));
    showRoster();
    const row = await rowOf('booking-carla');
    expect((await within(row).findByTestId('roster-attention')).textContent).toBe('Needs attention: Yoga has already started (at 18:00).');
    expect(row.className).toContain('is-attention');
  });
});
