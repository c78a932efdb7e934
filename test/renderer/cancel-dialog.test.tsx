import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-shared/domain';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { cancellationLateness } from '../../src-renderer/src/screens/roster/late-cancellation';
import { RosterPanel } from '../../src-renderer/src/screens/roster/roster-panel';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { coreNow, rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aLocation, aSession, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, rosterScene());
  core = new FakeCore({ records: rosterScene() });
});
afterEach(() => dropDatabase(db));

function showRoster(session: Session = aSession()) {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <RosterPanel location={aLocation()} entry={{ session, instructorName: 'Mia' }} />
    </DeskProvider>,
  );
}

async function openCancel(bookingId = 'booking-anna'): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('roster-row');
  const button = within(rows.find((r) => r.dataset['bookingId'] === bookingId)!).getByTestId('action-cancel');
  button.focus();
  fireEvent.click(button);
  return screen.findByTestId('cancel-dialog');
}

const later = (overrides: Partial<Session>) =>
  aSession({ startsAt: '2026-03-20T19:00:00.000Z', endsAt: '2026-03-20T20:00:00.000Z', ...overrides });

describe('late cancellation', () => {
  const now = Date.parse(coreNow);
  it('is after the system’s deadline, or within two hours of the start when it names none', () => {
    expect(cancellationLateness(later({ cancellationDeadline: '2026-03-20T16:00:00.000Z' }), now)).toEqual({
      late: true,
      deadline: '2026-03-20T16:00:00.000Z',
    });
    expect(cancellationLateness(later({ cancellationDeadline: '2026-03-20T17:00:00.000Z' }), now)).toEqual({ late: false });
    expect(cancellationLateness(aSession({ startsAt: '2026-03-20T18:50:00.000Z' }), now)).toEqual({ late: true, deadline: undefined });
    expect(cancellationLateness(aSession({ startsAt: '2026-03-20T18:51:00.000Z' }), now)).toEqual({ late: false });
  });
});

describe('cancelling a booking', () => {
  it('warns when the class starts within two hours and no deadline is known', async () => {
    showRoster();
    const dialog = await openCancel();
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByRole('heading').textContent).toBe('Cancel the booking of Anna Müller');
    expect((await within(dialog).findByTestId('cancel-warning')).textContent).toBe(
      'Late cancellation: the member may be charged a fee. The class starts within two hours.',
    );
  });

  it('warns with the deadline, in the gym’s time, once it has passed', async () => {
    showRoster(later({ cancellationDeadline: '2026-03-20T16:00:00.000Z' }));
    const dialog = await openCancel();
    expect((await within(dialog).findByTestId('cancel-warning')).textContent).toBe(
      'Late cancellation: the member may be charged a fee. The cancellation deadline was 17:00.',
    );
  });

  it('does not warn before the deadline, by the desk’s clock', async () => {
    showRoster(later({ cancellationDeadline: '2026-03-20T17:30:00.000Z' }));
    const dialog = await openCancel();
    // The PC's own clock is far from the core's; the warning goes once the desk's clock is read.
    await waitFor(() => expect(within(dialog).queryByTestId('cancel-warning')).toBeNull());
  });

  it('sends the cancellation with the reason and closes', async () => {
    showRoster();
    const dialog = await openCancel();
    const reason = within(dialog).getByTestId('cancel-reason');
    expect(document.activeElement).toBe(reason);
    expect(within(dialog).getByLabelText('Reason (optional)')).toBe(reason);
    fireEvent.change(reason, { target: { value: '  ill, called the desk  ' } });
    fireEvent.click(within(dialog).getByTestId('cancel-confirm'));

    await waitFor(() => expect(screen.queryByTestId('cancel-dialog')).toBeNull());
    expect(core.calls.findLast((c) => c.command === 'cancelBooking')?.input).toEqual({
      actionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      bookingId: 'booking-anna',
      reason: 'ill, called the desk',
    });
    expect(screen.getByTestId('roster-message').textContent).toBe('Cancellation for Anna Müller sent.');
    expect((await db.deskActions.toArray()).map((a) => a.reason)).toEqual(['ill, called the desk']);
  });

  it('sends no reason when none is given, also for a waitlisted booking', async () => {
    showRoster();
    const dialog = await openCancel('booking-carla');
    fireEvent.click(within(dialog).getByTestId('cancel-confirm'));
    await waitFor(() => expect(core.calls.some((c) => c.command === 'cancelBooking')).toBe(true));
    expect(core.calls.findLast((c) => c.command === 'cancelBooking')?.input).toEqual({
      actionId: expect.any(String),
      bookingId: 'booking-carla',
    });
  });

  it('closes on Escape without cancelling, and gives focus back', async () => {
    showRoster();
    const dialog = await openCancel();
    const opener = screen.getAllByTestId('action-cancel')[0];
    fireEvent.keyDown(within(dialog).getByTestId('cancel-reason'), { key: 'Escape' });

    expect(screen.queryByTestId('cancel-dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(core.calls.some((c) => c.command === 'cancelBooking')).toBe(false);
  });

  it('keeps focus inside while open', async () => {
    showRoster();
    const dialog = await openCancel();
    const confirm = within(dialog).getByTestId('cancel-confirm');
    confirm.focus();
    fireEvent.keyDown(confirm, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByTestId('cancel-reason'));
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it('stays open and says why when the desk is offline', async () => {
    showRoster();
    const dialog = await openCancel();
    core.drop();
    fireEvent.click(within(dialog).getByTestId('cancel-confirm'));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/^The desk is offline/));
    expect(screen.getByTestId('cancel-dialog')).toBe(dialog);
  });
});
