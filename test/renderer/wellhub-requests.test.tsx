import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordSet } from '../../src-shared/contract';
import type { PendingVisit } from '../../src-shared/domain';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aBooking, aConnection, aMember, aSession, allCapabilities, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

// The desk's clock stands at 16:50 UTC (17:50 in Berlin); the 18:00 class starts at 17:00 UTC.
const minutesFromNow = (minutes: number) => new Date(Date.parse('2026-03-20T16:50:00.000Z') + minutes * 60_000).toISOString();

function aVisit(overrides: Partial<PendingVisit> = {}): PendingVisit {
  return {
    id: 'demo-1:visit:greta',
    connectionId: 'demo-1',
    memberId: 'greta',
    checkedInAt: minutesFromNow(-2),
    validateBy: minutesFromNow(18),
    product: 'Gold',
    updatedAt: minutesFromNow(-2),
    ...overrides,
  };
}

/**
 * Requests: two with Wellhub's deadline, one lapsed, one for a class that began, and two without a deadline
 * (one for today's class, one for tomorrow's); visits at the door: two open, one validated, one run out.
 */
function waitingScene(): Partial<RecordSet> {
  const records = rosterScene();
  const request = { status: 'pending_confirmation', source: 'wellhub' } as const;
  return {
    ...records,
    sessions: [
      ...(records.sessions ?? []),
      aSession({ id: 'spin-1700', title: 'Spin', startsAt: minutesFromNow(-20), endsAt: minutesFromNow(25) }),
      aSession({ id: 'yoga-tomorrow', startsAt: minutesFromNow(24 * 60), endsAt: minutesFromNow(25 * 60) }),
    ],
    members: [
      ...(records.members ?? []),
      aMember({ id: 'finn', firstName: 'Finn', lastName: 'Otto', memberNumber: '1006', barcode: undefined }),
      aMember({ id: 'greta', firstName: 'Greta', lastName: 'Lange', memberNumber: '4242000010003', barcode: undefined }),
      aMember({ id: 'hanna', firstName: 'Hanna', lastName: 'Roth', memberNumber: '4242000010011', barcode: undefined }),
      aMember({ id: 'ida', firstName: 'Ida', lastName: 'Berger', memberNumber: '1009', barcode: undefined }),
    ],
    bookings: [
      ...(records.bookings ?? []).filter((booking) => booking.id !== 'booking-dora'),
      aBooking({ id: 'booking-dora', memberId: 'dora', ...request, decideBy: minutesFromNow(9), fallbackAt: minutesFromNow(4) }),
      aBooking({ id: 'booking-finn', memberId: 'finn', ...request, decideBy: minutesFromNow(3) }),
      aBooking({ id: 'booking-emil-late', memberId: 'emil', ...request, decideBy: minutesFromNow(-1) }),
      aBooking({ id: 'booking-ben-spin', memberId: 'ben', sessionId: 'spin-1700', ...request, decideBy: minutesFromNow(5) }),
      // No deadline stated: open until the class starts (10 minutes from now), and only for today's classes.
      aBooking({ id: 'booking-ida', memberId: 'ida', ...request }),
      aBooking({ id: 'booking-ida-tomorrow', memberId: 'ida', sessionId: 'yoga-tomorrow', ...request }),
    ],
    visits: [
      aVisit(),
      aVisit({ id: 'demo-1:visit:hanna', memberId: 'hanna', validateBy: minutesFromNow(6), product: undefined }),
      aVisit({ id: 'demo-1:visit:anna', memberId: 'anna', validatedAt: minutesFromNow(-1) }),
      aVisit({ id: 'demo-1:visit:carla', memberId: 'carla', validateBy: minutesFromNow(-3) }),
    ],
  };
}

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, waitingScene());
  const capabilities = { ...allCapabilities(), confirmBookingRequests: true, validateVisit: true };
  core = new FakeCore({ records: waitingScene(), connections: [aConnection({ id: 'demo-1', capabilities })] });
});
afterEach(() => dropDatabase(db));

function showDesk(): void {
  render(
    <DeskProvider db={db} desk={core.api}>
      <App />
    </DeskProvider>,
  );
}

async function openList(): Promise<HTMLElement> {
  showDesk();
  const button = await screen.findByTestId('show-requests');
  await waitFor(() => expect(within(button).getByTestId('requests-count').textContent).toBe('5'));
  fireEvent.click(button);
  return screen.findByTestId('requests-dialog');
}

const bookingIds = (dialog: HTMLElement) => within(dialog).queryAllByTestId('request-row').map((row) => row.dataset['bookingId']);
const visitIds = (dialog: HTMLElement) => within(dialog).queryAllByTestId('visit-row').map((row) => row.dataset['visitId']);

describe('the Wellhub requests list', () => {
  it('counts what waits in the header, in words for a screen reader', async () => {
    showDesk();
    const button = await screen.findByTestId('show-requests');
    await waitFor(() => expect(button.getAttribute('aria-label')).toBe('Wellhub requests: 5 waiting'));
    expect(button.textContent).toBe('Requests5');
  });

  it('lists open requests soonest deadline first and leaves out lapsed ones and those whose class began', async () => {
    const dialog = await openList();
    await waitFor(() => expect(bookingIds(dialog)).toEqual(['booking-finn', 'booking-dora', 'booking-ida']));
    const [finn, dora, ida] = within(dialog).getAllByTestId('request-row');
    expect(within(finn!).getByText('Finn Otto')).toBeTruthy();
    expect(within(finn!).getByText('Class: Yoga, 18:00–19:00')).toBeTruthy();
    // The desk's clock runs on from 16:50 while the test does: a second may have gone.
    expect(within(finn!).getByRole('timer').textContent).toMatch(/^Wellhub declines in (3:00|2:5\d)$/);
    expect(within(dora!).getByRole('timer').textContent).toMatch(/^Wellhub declines in (9:00|8:5\d)Auto-answer in (4:00|3:5\d)$/);
    expect(within(ida!).queryByRole('timer')).toBeNull();
    expect(within(dialog).getByText('3 booking requests to answer')).toBeTruthy();
  });

  it('lists the visits still to validate, soonest first, without validated or run-out ones', async () => {
    const dialog = await openList();
    await waitFor(() => expect(visitIds(dialog)).toEqual(['demo-1:visit:hanna', 'demo-1:visit:greta']));
    const greta = within(dialog).getAllByTestId('visit-row')[1]!;
    expect(within(greta).getByText('Checked in in the app at 17:48 · Gold')).toBeTruthy();
    expect(within(greta).getByRole('timer').textContent).toMatch(/^Validate within (18:00|17:5\d)$/);
  });

  it('confirms through the desk’s command for booking requests', async () => {
    core.answers.set('confirm_booking_request', { state: 'confirmed' });
    const dialog = await openList();
    const finn = await within(dialog).findByRole('button', { name: 'Confirm the booking request of Finn Otto' });
    fireEvent.click(finn);

    await waitFor(() => expect(within(dialog).getByTestId('requests-message').textContent).toBe('The booking request of Finn Otto is confirmed.'));
    const sent = core.calls.filter((call) => call.command === 'confirmBookingRequest').map((call) => call.input);
    expect(sent).toEqual([{ actionId: expect.stringMatching(/^[0-9a-f-]{36}$/), bookingId: 'booking-finn' }]);
    expect((await db.deskActions.toArray()).map((action) => [action.kind, action.bookingId])).toEqual([['confirm_booking_request', 'booking-finn']]);
  });

  it('rejects with Wellhub’s reason category in the roster’s dialog, and comes back to the list', async () => {
    const dialog = await openList();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Reject the booking request of Dora Zimmer' }));
    const reject = await screen.findByTestId('reject-dialog');
    fireEvent.change(within(reject).getByLabelText('Reason'), { target: { value: 'CLASS_IS_FULL' } });
    fireEvent.click(within(reject).getByTestId('reject-confirm'));

    const back = await screen.findByTestId('requests-dialog');
    expect(core.calls.findLast((call) => call.command === 'rejectBookingRequest')?.input).toMatchObject({ bookingId: 'booking-dora', reason: 'CLASS_IS_FULL' });
    await waitFor(() => expect(within(back).getByTestId('requests-message').textContent).toBe('Rejection of the booking request of Dora Zimmer sent.'));
  });

  it('validates a visit with the member’s Wellhub id, as the check-in bar does', async () => {
    const dialog = await openList();
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Validate the Wellhub visit of Greta Lange' }));

    await waitFor(() => expect(core.calls.some((call) => call.command === 'validateVisit')).toBe(true));
    expect(core.calls.find((call) => call.command === 'validateVisit')?.input).toEqual({
      actionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      connectionId: 'demo-1',
      visitorId: '4242000010003',
    });
    await waitFor(() => expect(within(dialog).getByTestId('requests-message').textContent).toContain('4242000010003'));
  });

  it('says so in plain words when nothing waits', async () => {
    await db.bookings.where('status').equals('pending_confirmation').delete();
    await db.visits.clear();
    showDesk();
    const button = await screen.findByTestId('show-requests');
    expect(within(button).getByTestId('requests-count').textContent).toBe('0');
    fireEvent.click(button);
    expect((await screen.findByTestId('requests-empty')).textContent).toBe('No Wellhub requests waiting.');
  });

  it('opens from the command palette', async () => {
    showDesk();
    await screen.findAllByTestId('roster-row');
    await waitFor(() => expect(screen.getByTestId('requests-count').textContent).toBe('5'));
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette');
    const item = within(palette)
      .getAllByTestId('palette-item')
      .find((candidate) => candidate.dataset['item'] === 'wellhubRequests');
    expect(item?.textContent).toBe('Show the Wellhub requests (5 waiting)');
    fireEvent.click(item!);
    expect(await screen.findByTestId('requests-dialog')).toBeTruthy();
  });

  it('has no accessibility violations axe can find', async () => {
    const dialog = await openList();
    await within(dialog).findAllByTestId('visit-row');
    const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
