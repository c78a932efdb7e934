import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckInByBarcodeResult } from '../../src-shared/contract';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { CheckInBar } from '../../src-renderer/src/screens/check-in/check-in-bar';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aBooking, aDeskAction, aLocation, aMember, aSession, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;
const members = [
  aMember(),
  aMember({ id: 'andreas', firstName: 'Andreas', lastName: 'Schulz', memberNumber: '1010', barcode: '4000010' }),
  aMember({ id: 'ben', firstName: 'Ben', lastName: 'Adler', memberNumber: '1002' }),
  aMember({ id: 'other-gym', connectionId: 'zenoti-1', firstName: 'Anja', lastName: 'Elsewhere', memberNumber: '9' }),
];

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  const records = { locations: [aLocation()], sessions: [aSession()], members, bookings: [aBooking()] };
  await applySnapshot(db, snapshotOf(1, records));
  core = new FakeCore({ records });
});
afterEach(() => dropDatabase(db));

function showBar() {
  render(
    <DeskProvider db={db} desk={core.api}>
      <CheckInBar location={aLocation()} today="2026-03-20" />
    </DeskProvider>,
  );
  return screen.getByLabelText('Scan a card or type a name') as HTMLInputElement;
}

function answerScansWith(result: CheckInByBarcodeResult): void {
  core.api.checkInByBarcode = async (input) => {
    core.calls.push({ command: 'checkInByBarcode', input });
    return result;
  };
}

function scan(input: HTMLInputElement, code: string): void {
  fireEvent.change(input, { target: { value: code } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('the check-in bar', () => {
  it('checks a scanned card in at this location and says who went where', async () => {
    const action = aDeskAction({ state: 'confirmed' });
    answerScansWith({ outcome: 'check_in', action, member: aMember(), session: aSession() });
    const input = showBar();

    scan(input, '4000001');

    const message = screen.getByTestId('check-in-message');
    await waitFor(() => expect(message.textContent).toBe('Anna Müller checked in to Yoga 18:00'));
    expect(message.getAttribute('role')).toBe('status');
    expect(input.value).toBe('');
    expect(core.calls.at(-1)?.input).toMatchObject({ barcode: '4000001', locationId: 'berlin' });
    expect(await db.deskActions.get(action.id)).toEqual(action);
  });

  it('takes a member number typed by hand as a scan, and lists who it belongs to while typing', async () => {
    await db.members.put(aMember({ memberNumber: 'M-10115' }));
    answerScansWith({ outcome: 'check_in', action: aDeskAction({ state: 'confirmed' }), member: aMember(), session: aSession() });
    const input = showBar();
    fireEvent.change(input, { target: { value: 'm-1011' } });
    expect(within(await screen.findByRole('listbox')).getByText(/Anna Müller/)).toBeTruthy();

    scan(input, 'M-10115');
    await waitFor(() => expect(core.calls.at(-1)).toMatchObject({ command: 'checkInByBarcode', input: { barcode: 'M-10115' } }));
    await waitFor(() => expect(screen.getByTestId('check-in-message').textContent).toBe('Anna Müller checked in to Yoga 18:00'));
  });

  it('finds a name typed without its accents', async () => {
    const input = showBar();
    fireEvent.change(input, { target: { value: 'MUELLER' } });
    expect(within(await screen.findByRole('listbox')).getByText(/Anna Müller/)).toBeTruthy();
  });

  it('says a check-in kept while the booking system is out of reach has not reached it yet', async () => {
    answerScansWith({ outcome: 'check_in', action: aDeskAction({ state: 'accepted' }), member: aMember(), session: aSession() });
    const input = showBar();
    scan(input, '4000001');
    const message = screen.getByTestId('check-in-message');
    await waitFor(() =>
      expect(message.textContent).toBe('Anna Müller checked in to Yoga 18:00: saved, sent to the booking system once it answers'),
    );
  });

  it('names the other outcomes in plain words', async () => {
    const input = showBar();
    const message = screen.getByTestId('check-in-message');

    answerScansWith({ outcome: 'unknown_barcode' });
    scan(input, '999');
    await waitFor(() => expect(message.textContent).toBe('No member has the code 999'));

    answerScansWith({ outcome: 'no_booking', member: aMember() });
    scan(input, '4000001');
    await waitFor(() => expect(message.textContent).toBe('Anna Müller has no booking for a class now or later today'));

    answerScansWith({ outcome: 'already_checked_in', member: aMember(), session: aSession() });
    scan(input, '4000001');
    await waitFor(() => expect(message.textContent).toBe('Anna Müller is already checked in to Yoga 18:00'));
  });

  it('says when a class’s check-in opens, for a scan the core answered before sending anything', async () => {
    // The class starts 18:00 in Berlin (17:00 UTC); check-in opens an hour before.
    const reason = { code: 'checkin_not_open_yet', params: { session: 'Yoga', opensAt: '2026-03-20T16:00:00.000Z' } } as const;
    answerScansWith({ outcome: 'refused', member: aMember(), session: aSession(), reason });
    const input = showBar();
    scan(input, '4000001');
    const message = screen.getByTestId('check-in-message');
    await waitFor(() => expect(message.textContent).toBe('Anna Müller is not checked in to Yoga 18:00: Check-in for Yoga opens at 17:00.'));
    expect(message.dataset['tone']).toBe('warning');
    expect(await db.deskActions.count()).toBe(0);
  });

  it('words the system’s refusal of a scan, with its own words marked as such', async () => {
    const error = { code: 'provider_refused', params: { provider: 'Magicline', status: 400, detail: 'Studio locked' } } as const;
    answerScansWith({ outcome: 'check_in', action: aDeskAction({ state: 'rejected', error }), member: aMember(), session: aSession() });
    const input = showBar();
    scan(input, '4000001');
    await waitFor(() =>
      expect(screen.getByTestId('check-in-message').textContent).toBe(
        'Anna Müller could not be checked in to Yoga 18:00: Magicline refused the request (400). (Magicline said: “Studio locked”)',
      ),
    );
  });

  it('says the desk is offline instead of failing silently', async () => {
    const input = showBar();
    core.drop();
    scan(input, '4000001');
    await waitFor(() => expect(screen.getByTestId('check-in-message').textContent).toMatch(/^The desk is offline/));
  });

  it('searches this system’s members by name and checks in the chosen member’s booking', async () => {
    const input = showBar();
    fireEvent.change(input, { target: { value: 'an' } });

    const list = await screen.findByRole('listbox');
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Anna MüllerNo. 1001', 'Andreas SchulzNo. 1010']);
    expect(input.getAttribute('aria-expanded')).toBe('true');

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    fireEvent.keyDown(input, { key: 'Enter' });

    const bookings = await screen.findByTestId('member-bookings');
    expect(within(bookings).getByRole('heading').textContent).toBe('Bookings today for Anna Müller');
    fireEvent.click(await within(bookings).findByRole('button', { name: 'Check in to Yoga 18:00' }));

    await waitFor(() => expect(core.calls.some((c) => c.command === 'checkIn')).toBe(true));
    expect(core.calls.find((c) => c.command === 'checkIn')?.input).toMatchObject({ bookingId: 'booking-anna' });
    await waitFor(() => expect(screen.queryByTestId('member-bookings')).toBeNull());
  });

  it('matches first and last name together, ignoring case', async () => {
    const input = showBar();
    fireEvent.change(input, { target: { value: 'ANNA mü' } });
    const options = await within(await screen.findByRole('listbox')).findAllByRole('option');
    expect(options.map((o) => o.dataset['memberId'])).toEqual(['anna']);
  });
});
