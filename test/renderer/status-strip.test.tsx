import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionFreshness, DeskStatus, Location } from '../../src-shared/domain';
import type { DeskDatabase } from '../../src-renderer/src/data/db';
import { writeMeta } from '../../src-renderer/src/data/meta';
import { startSync, type DeskSync } from '../../src-renderer/src/data/sync';
import { DeskProvider } from '../../src-renderer/src/desk/desk-context';
import { StatusStrip } from '../../src-renderer/src/screens/status-strip/status-strip';
import { initialUiState, useDeskStore } from '../../src-renderer/src/store';
import { FakeCore } from './fake-core';
import { aLocation, dropDatabase, freshDatabase } from './fixtures';

let db: DeskDatabase;
let core: FakeCore;
let sync: DeskSync | undefined;

// 17:50 in Berlin, 12:50 in Brooklyn, on Friday 20 March 2026.
const nowMs = Date.parse('2026-03-20T16:50:00.000Z');
const berlin = aLocation();
const brooklyn = aLocation({ id: 'brooklyn', name: 'Brooklyn', timeZone: 'America/New_York', locale: 'en-US' });

const whautomate: ConnectionFreshness = {
  id: 'whautomate-1',
  label: 'Whautomate',
  state: 'failing',
  lastSyncAt: '2026-03-20T08:58:00.000Z',
  failingSince: '2026-03-20T09:02:00.000Z',
};
const zenoti: ConnectionFreshness = { id: 'zenoti-1', label: 'Zenoti', state: 'failing' };
const magicline: ConnectionFreshness = { id: 'magicline-1', label: 'Magicline', state: 'ok', lastSyncAt: '2026-03-20T16:45:00.000Z' };

function statusWith(connections: ConnectionFreshness[], extra: Partial<DeskStatus> = {}): DeskStatus {
  return { connection: 'online', lastSyncAt: '2026-03-20T16:45:00.000Z', pendingActions: 0, connections, ...extra };
}

beforeEach(() => {
  useDeskStore.setState(initialUiState);
  db = freshDatabase();
  core = new FakeCore();
});
afterEach(async () => {
  sync?.stop();
  sync = undefined;
  await dropDatabase(db);
});

function showStrip(location: Location = berlin) {
  return render(
    <DeskProvider db={db} desk={core.api}>
      <StatusStrip location={location} nowMs={nowMs} />
    </DeskProvider>,
  );
}

const headline = () => screen.getByTestId('connection-state');
const systemLines = () => within(screen.getByRole('list', { name: 'Booking systems and the age of their data' })).getAllByRole('listitem').map((item) => item.textContent);
const syncButton = () => screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement;

describe('the status strip', () => {
  it('names a failing system, since when, and how old its data is, in the gym’s time', async () => {
    await writeMeta(db, 'deskStatus', statusWith([magicline, whautomate]));
    useDeskStore.getState().setLink('up');
    showStrip();

    await waitFor(() => expect(headline().textContent).toBe('1 booking system unreachable'));
    expect(headline().dataset['state']).toBe('failing');
    await waitFor(() => expect(systemLines()).toEqual(['Whautomate unreachable since 10:02 (data from 09:58)']));
    expect(screen.queryByTestId('offline-notice')).toBeNull();
  });

  it('tells the times on the Brooklyn clock at a Brooklyn desk', async () => {
    await writeMeta(db, 'deskStatus', statusWith([whautomate]));
    useDeskStore.getState().setLink('up');
    showStrip(brooklyn);

    await waitFor(() => expect(systemLines()).toEqual(['Whautomate unreachable since 05:02 AM (data from 04:58 AM)']));
  });

  it('names every failing system, and keeps Sync now usable while none answers', async () => {
    await writeMeta(db, 'deskStatus', statusWith([whautomate, zenoti], { connection: 'offline' }));
    useDeskStore.getState().setLink('up');
    showStrip();

    await waitFor(() => expect(headline().textContent).toBe('2 booking systems unreachable'));
    // The per-system lines follow from the same status; on a busy machine they may land a render later.
    await waitFor(() => expect(systemLines()).toEqual(['Whautomate unreachable since 10:02 (data from 09:58)', 'Zenoti unreachable (no data yet)']));
    // Staff retry as soon as the provider is back: the core is there to ask.
    expect(syncButton().disabled).toBe(false);
    fireEvent.click(syncButton());
    await waitFor(() => expect(core.calls.map((call) => call.command)).toContain('syncNow'));
  });

  it('says Online, and nothing more, when every system answers', async () => {
    await writeMeta(db, 'deskStatus', statusWith([magicline]));
    useDeskStore.getState().setLink('up');
    showStrip();

    await waitFor(() => expect(screen.getByTestId('last-sync').textContent).toBe('Last sync 17:45'));
    expect(headline().textContent).toBe('Online');
    expect(headline().dataset['state']).toBe('online');
    expect(screen.queryByTestId('system-ages')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when the desk service cannot save its data', async () => {
    await writeMeta(db, 'deskStatus', statusWith([magicline], { storeProblem: { code: 'store_cannot_save_actions' } }));
    useDeskStore.getState().setLink('up');
    showStrip();

    expect((await screen.findByRole('alert')).textContent).toBe('The desk service cannot save its data: The desk cannot save actions right now.');
  });

  it('after a reload with the desk service gone, still tells each system’s data age', async () => {
    core.status = statusWith([magicline, whautomate]);
    sync = startSync(core, db, useDeskStore.getState().setLink);
    await sync.settled();
    core.drop();
    sync.stop();

    // The page reloads: the core is still gone, so all the strip has is what Dexie kept.
    useDeskStore.setState(initialUiState);
    sync = startSync(core, db, useDeskStore.getState().setLink);
    act(() => core.drop());
    showStrip();

    await waitFor(() => expect(systemLines()).toEqual(['Magicline: data from 17:45', 'Whautomate: data from 09:58']));
    expect(headline().textContent).toBe('Desk service not running');
    expect(headline().dataset['state']).toBe('offline');
    expect(screen.getByTestId('offline-notice').textContent).toBe('Showing the saved schedule');
    expect(screen.getByTestId('last-sync').textContent).toBe('Last sync 17:45');
    expect(syncButton().disabled).toBe(true);
  });
});
