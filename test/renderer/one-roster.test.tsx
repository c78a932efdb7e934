import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src-shared/connections';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { readDeskView } from '../../src-renderer/src/data/desk-view';
import { writeMeta } from '../../src-renderer/src/data/meta';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { ConnectionsScreen } from '../../src-renderer/src/screens/connections/connections-screen';
import { RosterPanel } from '../../src-renderer/src/screens/roster/roster-panel';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { coreNow } from './desk-scene';
import { FakeCore } from './fake-core';
import { aBooking, aConnection, aLocation, aMember, aSession, allCapabilities, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

/**
 * One roster across channels, at the desk: the Classes on Wellhub section saves which class is sold as which
 * Wellhub class; Today lists a class once (its Wellhub slot, paired by the core, is not listed again); and the
 * class's roster shows its Wellhub bookings beside its own, under one capacity.
 */

let db: DeskDatabase;
let core: FakeCore;
const wellhubId = 'wellhub-mitte';
const wellhubConnection = (): Connection =>
  aConnection({ id: wellhubId, provider: 'wellhub', label: 'Wellhub – Studio Mitte', tenant: undefined, scopeId: '4711', hasApiKey: true, classLinks: [] });
const wellhubLocation = aLocation({ id: `${wellhubId}:location:4711`, connectionId: wellhubId, name: 'Wellhub – Studio Mitte' });
/** The main class's slot at Wellhub, which the core paired with it. */
const wellhubSlot = aSession({
  id: `${wellhubId}:session:90001`,
  connectionId: wellhubId,
  locationId: wellhubLocation.id,
  classTypeId: `${wellhubId}:class-type:501`,
  capacity: 20,
  booked: 13,
  sameClassAs: 'yoga-1800',
});
const wilma = aMember({ id: `${wellhubId}:member:1`, connectionId: wellhubId, firstName: 'Wilma', lastName: 'Wellhub', memberNumber: '1000000000001' });
const paul = aMember({ id: `${wellhubId}:member:2`, connectionId: wellhubId, firstName: 'Paul', lastName: 'Pending', memberNumber: '1000000000002' });
const wellhubBooking = (member: typeof wilma, status: 'booked' | 'pending_confirmation') =>
  aBooking({ id: `${wellhubId}:booking:${member.memberNumber}`, connectionId: wellhubId, sessionId: wellhubSlot.id, memberId: member.id, status, source: 'wellhub' });

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  const records = {
    locations: [aLocation(), wellhubLocation],
    classTypes: [
      { id: 'yoga', connectionId: 'demo-1', name: 'Yoga' },
      { id: `${wellhubId}:class-type:501`, connectionId: wellhubId, name: 'Yoga at Studio Mitte' },
    ],
    sessions: [aSession(), wellhubSlot, aSession({ id: `${wellhubId}:session:90002`, connectionId: wellhubId, locationId: wellhubLocation.id, title: 'Wellhub only' })],
    members: [aMember(), wilma, paul],
    bookings: [aBooking(), wellhubBooking(wilma, 'booked'), wellhubBooking(paul, 'pending_confirmation')],
  };
  await applySnapshot(db, snapshotOf(1, records));
  await writeMeta(db, 'clockOffsetMs', Date.parse(coreNow) - Date.now());
  core = new FakeCore({ records, connections: [wellhubConnection()] });
  core.wellhubClasses.set(wellhubId, [{ id: 501, name: 'Yoga at Studio Mitte' }, { id: 502, name: 'Spinning' }]);
});
afterEach(() => dropDatabase(db));

describe('Classes on Wellhub', () => {
  it('offers the classes of the other systems with Wellhub’s classes, and saves the chosen links', async () => {
    render(
      <DeskProvider db={db} desk={core.api}>
        <ConnectionsScreen location={aLocation()} nowMs={Date.parse(coreNow)} />
      </DeskProvider>,
    );
    const section = await screen.findByTestId('class-links');
    expect(section.textContent).toContain('Classes on Wellhub · Classes sold on Wellhub: 0');
    (section as HTMLDetailsElement).open = true;
    fireEvent(section, new Event('toggle'));
    const choices = await within(section).findAllByTestId('class-link-choice');
    // Only the main system's classes: Wellhub's own are what they are sold as, not sold themselves.
    expect(choices.map((choice) => choice.dataset['classType'])).toEqual(['yoga']);
    expect(within(choices[0]!).getAllByRole('option').map((o) => o.textContent)).toEqual(['Not on Wellhub', 'Yoga at Studio Mitte', 'Spinning']);
    fireEvent.change(choices[0]!, { target: { value: '501' } });
    fireEvent.click(within(section).getByTestId('class-links-save'));
    await waitFor(() => expect(within(section).getByTestId('class-links-note').textContent).toBe('Classes on Wellhub saved.'));
    expect(core.calls.filter((c) => c.command === 'saveWellhubClassLinks').map((c) => c.input)).toEqual([
      { id: wellhubId, links: [{ classTypeId: 'yoga', wellhubClassId: 501 }] },
    ]);
    await waitFor(() => expect(section.querySelector('summary')?.textContent).toContain('Classes sold on Wellhub: 1'));
  });
});

describe('a class sold on Wellhub at the desk', () => {
  it('is listed once in Today: its paired Wellhub slot is not listed again, a Wellhub-only slot is', async () => {
    const view = await readDeskView(db, wellhubLocation.id, '2026-03-20');
    expect(view.sessions.map((entry) => entry.session.id)).toEqual([`${wellhubId}:session:90002`]);
    const main = await readDeskView(db, 'berlin', '2026-03-20');
    expect(main.sessions.map((entry) => entry.session.id)).toEqual(['yoga-1800']);
    // Its count in Today is the roster's: Wilma's confirmed Wellhub place beside the class's own; Paul's request none.
    expect(main.sessions[0]?.placesElsewhere).toBe(1);
  });

  it('has one roster with both sources and one capacity: confirmed Wellhub places count, a waiting request does not', async () => {
    render(
      <DeskProvider db={db} desk={core.api}>
        <RosterPanel location={aLocation()} entry={{ session: aSession(), instructorName: 'Mia' }} />
      </DeskProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('roster-row')).toHaveLength(3));
    const rowOf = (bookingId: string) => screen.getAllByTestId('roster-row').find((row) => row.dataset['bookingId'] === bookingId)!;
    expect(rowOf(wellhubBooking(wilma, 'booked').id).textContent).toContain('Wellhub');
    expect(rowOf(wellhubBooking(paul, 'pending_confirmation').id).textContent).toContain('Wellhub');
    // The class's 12 booked in its own system and Wilma's confirmed place; Paul's request holds none yet.
    expect(screen.getByTestId('roster-counts').textContent).toBe('13 of 20 places booked (of them through Wellhub: 1)');
  });

  it('offers Confirm and Reject on a Wellhub request by what Wellhub can do, though the class’s own system cannot answer requests', async () => {
    const mainSystem = aConnection({ id: aSession().connectionId, capabilities: { ...allCapabilities(), confirmBookingRequests: false } });
    core.connections = [{ ...wellhubConnection(), capabilities: { ...allCapabilities(), confirmBookingRequests: true } }, mainSystem];
    render(
      <DeskProvider db={db} desk={core.api}>
        <RosterPanel location={aLocation()} entry={{ session: aSession(), instructorName: 'Mia' }} />
      </DeskProvider>,
    );
    const paulsRow = async () => (await screen.findAllByTestId('roster-row')).find((row) => row.dataset['bookingId'] === wellhubBooking(paul, 'pending_confirmation').id)!;
    await waitFor(async () => expect(within(await paulsRow()).queryByRole('button', { name: /Confirm the booking request/ })).not.toBeNull());
    expect(within(await paulsRow()).getByRole('button', { name: /Reject the booking request/ })).toBeTruthy();
  });
});
