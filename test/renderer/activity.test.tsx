import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskAction } from '../../src-shared/domain';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { csvField, toCsv } from '../../src-renderer/src/screens/activity/csv';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { rosterScene, seedCache } from './desk-scene';
import { FakeCore } from './fake-core';
import { aDeskAction, aLocation, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

const at = (minute: number) => `2026-03-20T16:${String(minute).padStart(2, '0')}:00.000Z`;
const actions: DeskAction[] = [
  aDeskAction({ id: '00000000-0000-4000-8000-000000000001', kind: 'check_in', state: 'confirmed', createdAt: at(40), updatedAt: at(40) }),
  aDeskAction({
    id: '00000000-0000-4000-8000-000000000002',
    kind: 'cancel_booking',
    state: 'rejected',
    bookingId: 'booking-carla',
    memberId: 'carla',
    reason: '-5 credits, "ill"',
    // A system's own words, which the desk shows as they came (and the CSV must defuse).
    error: { code: 'provider_said', params: { detail: '=HYPERLINK("http://evil.example")' } },
    createdAt: at(42),
    updatedAt: at(42),
  }),
  aDeskAction({
    id: '00000000-0000-4000-8000-000000000003',
    kind: 'promote_from_waitlist',
    state: 'needs_attention',
    bookingId: 'booking-carla',
    memberId: 'carla',
    error: { code: 'class_started', params: { session: 'Yoga', startedAt: '2026-03-20T17:00:00.000Z' } },
    createdAt: at(44),
    updatedAt: at(46),
  }),
  {
    id: '00000000-0000-4000-8000-000000000004',
    kind: 'validate_visit',
    state: 'accepted',
    connectionId: 'wellhub-berlin',
    visitorId: '1234567890123',
    createdAt: at(45),
    updatedAt: at(45),
  },
  aDeskAction({
    id: '00000000-0000-4000-8000-000000000005',
    kind: 'reject_booking_request',
    state: 'needs_attention',
    bookingId: 'booking-dora',
    memberId: 'dora',
    reason: 'CLASS_IS_FULL',
    error: { code: 'provider_said', params: { detail: '@wellhub: request expired' } },
    createdAt: at(48),
    updatedAt: at(49),
  }),
];

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  await seedCache(db, { ...rosterScene(), locations: [aLocation(), aLocation({ id: 'hamburg', name: 'Hamburg' })], deskActions: actions });
  core = new FakeCore({ records: rosterScene() });
});
afterEach(() => {
  vi.restoreAllMocks();
  return dropDatabase(db);
});

function showDesk() {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <App />
    </DeskProvider>,
  );
}

async function openActivity(): Promise<HTMLElement> {
  showDesk();
  fireEvent.click(screen.getByTestId('nav-activity'));
  const activity = await screen.findByTestId('activity-screen');
  await within(activity).findAllByTestId('activity-row');
  return activity;
}

const listed = () => screen.getAllByTestId('activity-row').map((row) => row.dataset['actionId']?.slice(-1));
const cells = (id: string) =>
  [...screen.getAllByTestId('activity-row').find((row) => row.dataset['actionId']?.endsWith(id))!.querySelectorAll('td')].map(
    (cell) => cell.textContent,
  );

describe('the Activity screen', () => {
  it('lists every desk action newest first, in words and the gym’s time', async () => {
    await openActivity();
    expect(screen.getByTestId('nav-activity').getAttribute('aria-current')).toBe('page');
    expect(listed()).toEqual(['5', '4', '3', '2', '1']);
    expect(cells('1')).toEqual(['20 Mar 2026, 17:40', 'Check in', 'Anna Müller', 'Yoga 20 Mar 2026, 18:00', 'Confirmed', '', '']);
    expect(cells('4')).toEqual(['20 Mar 2026, 17:45', 'Validate Wellhub visit', 'Wellhub ID 1234567890123', '', 'Waiting', '', '']);
    expect(cells('5')).toEqual([
      '20 Mar 2026, 17:48',
      'Reject booking request',
      'Dora Zimmer',
      'Yoga 20 Mar 2026, 18:00',
      'Needs attention',
      'The class is full',
      '@wellhub: request expired',
    ]);
    // A code from the core, in words and the gym's time (Berlin: 17:00 UTC is 18:00).
    expect(cells('3').at(-1)).toBe('Yoga has already started (at 18:00).');
    const attention = screen.getAllByTestId('activity-row').filter((row) => row.dataset['state'] === 'needs_attention');
    expect(attention.map((row) => row.className)).toEqual(['is-attention', 'is-attention']);
  });

  it('filters by state, by kind and by free text', async () => {
    await openActivity();
    fireEvent.change(screen.getByTestId('activity-filter-state'), { target: { value: 'needs_attention' } });
    expect(listed()).toEqual(['5', '3']);
    fireEvent.change(screen.getByTestId('activity-filter-kind'), { target: { value: 'promote_from_waitlist' } });
    expect(listed()).toEqual(['3']);
    expect(screen.getByTestId('activity-count').textContent).toBe('Showing 1 of 5 desk actions');

    fireEvent.change(screen.getByTestId('activity-filter-state'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('activity-filter-kind'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('activity-filter-text'), { target: { value: 'carla BERG' } });
    expect(listed()).toEqual(['3', '2']);
    fireEvent.change(screen.getByTestId('activity-filter-text'), { target: { value: '1234567890123' } });
    expect(listed()).toEqual(['4']);
    fireEvent.change(screen.getByTestId('activity-filter-text'), { target: { value: 'nobody' } });
    expect(screen.queryAllByTestId('activity-row')).toEqual([]);
    expect(screen.getByText('No desk actions match these filters.')).toBeTruthy();
  });

  it('exports the filtered list as CSV, quoted and safe to open in a spreadsheet', async () => {
    const saved: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved.push(blob as Blob);
      return 'blob:activity';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await openActivity();
    fireEvent.change(screen.getByTestId('activity-filter-kind'), { target: { value: 'cancel_booking' } });
    fireEvent.click(screen.getByTestId('activity-export'));

    expect(clicked.map((link) => [link.download, link.getAttribute('href')])).toEqual([['classdesk-activity-2026-03-20.csv', 'blob:activity']]);
    expect(saved[0]?.type).toBe('text/csv;charset=utf-8');
    // A byte order mark first, so spreadsheet programs read umlauts as UTF-8 (text() reads past it).
    expect([...new Uint8Array(await saved[0]!.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await saved[0]!.text();
    expect(text).toBe(
      'Time,Action,Member,Class,State,Reason,Result\r\n' +
        '"20 Mar 2026, 17:42",Cancel booking,Carla Berg,"Yoga 20 Mar 2026, 18:00",Rejected,' +
        `"'-5 credits, ""ill""","'=HYPERLINK(""http://evil.example"")"\r\n`,
    );
  });

  it('counts what needs attention in the status strip, and opens just those', async () => {
    showDesk();
    const count = await screen.findByTestId('needs-attention');
    expect(count.textContent).toBe('2 need attention');
    expect(count.dataset['count']).toBe('2');
    fireEvent.click(count);
    await screen.findByTestId('activity-screen');
    await waitFor(() => expect(listed()).toEqual(['5', '3']));
    expect((screen.getByTestId('activity-filter-state') as HTMLSelectElement).value).toBe('needs_attention');

    await db.deskActions.update('00000000-0000-4000-8000-000000000005', { state: 'confirmed' });
    await waitFor(() => expect(screen.getByTestId('needs-attention').textContent).toBe('1 needs attention'));
  });
});

describe('CSV fields', () => {
  it('quote per RFC 4180 and defuse formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(['=1+1', '+49 30', '-2', '@SUM(A1)', '\tx'].map(csvField)).toEqual(["'=1+1", "'+49 30", "'-2", "'@SUM(A1)", "'\tx"]);
    expect(csvField('=SUM(A1,B1)')).toBe(`"'=SUM(A1,B1)"`);
    expect(toCsv([['a', 'b'], ['c', '']])).toBe('a,b\r\nc,\r\n');
  });
});

describe('the desk location', () => {
  it('is told to the core on start and whenever another location is chosen', async () => {
    showDesk();
    await waitFor(() => expect(core.calls.filter((c) => c.command === 'setDeskLocation').map((c) => c.input)).toEqual([{ locationId: 'berlin' }]));
    fireEvent.change(await screen.findByTestId('location-select'), { target: { value: 'hamburg' } });
    await waitFor(() =>
      expect(core.calls.filter((c) => c.command === 'setDeskLocation').map((c) => c.input)).toEqual([
        { locationId: 'berlin' },
        { locationId: 'hamburg' },
      ]),
    );
  });

  it('does not trouble the desk when the core is offline', async () => {
    core.drop();
    const warn = vi.spyOn(console, 'warn');
    showDesk();
    await waitFor(() => expect(core.calls.some((c) => c.command === 'setDeskLocation')).toBe(true));
    expect(warn).not.toHaveBeenCalled();
  });
});
