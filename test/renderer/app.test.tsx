import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/app';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { writeMeta } from '../../src-renderer/src/data/meta';
import { applySnapshot } from '../../src-renderer/src/data/replica';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aLocation, aSession, dropDatabase, freshDatabase, snapshotOf } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;

// The core's clock says 17:50 in Berlin on Friday 20 March 2026, whatever this machine thinks.
const coreNow = Date.parse('2026-03-20T16:50:00.000Z');

const hourFrom = (id: string, startsAt: string, extra: Parameters<typeof aSession>[0] = {}) =>
  aSession({ id, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(), ...extra });

const sessions = [
  hourFrom('morning', '2026-03-20T07:00:00.000Z', { title: 'Pilates' }),
  hourFrom('running', '2026-03-20T16:00:00.000Z', { title: 'Spinning', booked: 20, capacity: 20 }),
  hourFrom('evening', '2026-03-20T17:00:00.000Z', { title: 'Yoga', status: 'cancelled' }),
  hourFrom('saturday', '2026-03-21T09:00:00.000Z', { title: 'Boxing' }),
  hourFrom('hamburg', '2026-03-20T17:00:00.000Z', { title: 'HIIT', locationId: 'hamburg' }),
];

beforeEach(async () => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  core = new FakeCore();
});
afterEach(() => dropDatabase(db));

async function seed(): Promise<void> {
  await applySnapshot(
    db,
    snapshotOf(1, { locations: [aLocation({ id: 'hamburg', name: 'Hamburg' }), aLocation()], sessions }),
  );
  await writeMeta(db, 'clockOffsetMs', coreNow - Date.now());
}

function showDesk() {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <App />
    </DeskProvider>,
  );
}

const rowIds = () => screen.queryAllByTestId('session-row').map((row) => row.dataset['sessionId']);
const openRoster = () => screen.queryByTestId('roster')?.dataset['sessionId'];

describe('the desk', () => {
  it('stays loading while the cache is empty', async () => {
    const { container } = showDesk();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('[data-app-state]')?.getAttribute('data-app-state')).toBe('loading');
  });

  it('opens on the first location, today by the core’s clock, with the running class’s roster', async () => {
    await seed();
    const { container } = showDesk();

    await waitFor(() => expect(container.querySelector('[data-app-state="ready"]')).not.toBeNull());
    await waitFor(() => expect(rowIds()).toEqual(['morning', 'running', 'evening']));
    expect((screen.getByTestId('location-select') as HTMLSelectElement).value).toBe('berlin');
    expect(screen.getByTestId('day-shown').textContent).toMatch(/^Friday,? 20 March 2026$/);
    await waitFor(() => expect(openRoster()).toBe('running'));

    const running = screen.getAllByTestId('session-row')[1];
    expect(running?.getAttribute('aria-current')).toBe('true');
    expect(running?.querySelector('[data-testid="session-booked"]')?.textContent).toBe('20/20');
    expect(running?.textContent).toContain('Full');
    expect(screen.getAllByTestId('session-row')[2]?.textContent).toContain('Cancelled');
  });

  it('opens on the location the core says this desk serves, on a browser profile that never chose one', async () => {
    await seed();
    await writeMeta(db, 'deskLocationId', 'hamburg');
    showDesk();
    await waitFor(() => expect(rowIds()).toEqual(['hamburg']));
    expect((screen.getByTestId('location-select') as HTMLSelectElement).value).toBe('hamburg');
  });

  it('opens a roster on click and moves between days and locations', async () => {
    await seed();
    showDesk();
    await waitFor(() => expect(rowIds()).toEqual(['morning', 'running', 'evening']));

    fireEvent.click(screen.getAllByTestId('session-row')[0] as HTMLElement);
    await waitFor(() => expect(openRoster()).toBe('morning'));

    fireEvent.click(screen.getByTestId('day-next'));
    await waitFor(() => expect(rowIds()).toEqual(['saturday']));
    fireEvent.click(screen.getByTestId('day-today'));
    await waitFor(() => expect(rowIds()).toEqual(['morning', 'running', 'evening']));

    fireEvent.change(screen.getByTestId('location-select'), { target: { value: 'hamburg' } });
    await waitFor(() => expect(rowIds()).toEqual(['hamburg']));
  });

  it('moves through classes with the arrow keys and days with Page Up/Down', async () => {
    await seed();
    showDesk();
    await waitFor(() => expect(openRoster()).toBe('running'));
    const rows = () => screen.getAllByTestId('session-row');

    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[1]);
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows()[2]);

    fireEvent.keyDown(document.body, { key: 'PageUp' });
    await waitFor(() => expect(screen.getByTestId('day-shown').textContent).toMatch(/19 March/));
  });

  it('leaves the arrow keys to the name search while the check-in input holds letters', async () => {
    await seed();
    showDesk();
    await waitFor(() => expect(openRoster()).toBe('running'));
    const input = screen.getByTestId('check-in-input');
    input.focus();
    fireEvent.change(input, { target: { value: 'zz' } });

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'PageDown' });

    expect(document.activeElement).toBe(input);
    expect(screen.getByTestId('day-shown').textContent).toMatch(/20 March/);
  });

  it('says the desk service is not running, with the saved data’s age, while the core is out of reach', async () => {
    await seed();
    await writeMeta(db, 'deskStatus', {
      connection: 'online',
      lastSyncAt: '2026-03-20T16:45:00.000Z',
      pendingActions: 0,
      connections: [{ id: 'demo-1', label: 'Demo studio', state: 'ok', lastSyncAt: '2026-03-20T16:45:00.000Z' }],
    });
    useDeskStore.getState().setLink('down');
    showDesk();

    await waitFor(() => expect(screen.getByTestId('last-sync').textContent).toBe('Last sync 17:45'));
    expect(screen.getByTestId('connection-state').dataset['state']).toBe('offline');
    expect(screen.getByTestId('connection-state').textContent).toBe('Desk service not running');
    expect(screen.getByTestId('offline-notice').textContent).toBe('Showing the saved schedule');
    expect(screen.getByTestId('system-ages').textContent).toBe('Demo studio: data from 17:45');
    expect(screen.getByTestId('pending-actions').textContent).toBe('0 desk actions waiting');
    expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
