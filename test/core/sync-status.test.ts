import { describe, expect, it } from 'vitest';
import { DeskStatus } from '../../src-shared/domain';
import { SyncStatus } from '../../src-main/core/sync/sync-status';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();
const both = [
  { id: 'a', label: 'Magicline' },
  { id: 'b', label: 'Zenoti' },
];

function watched() {
  const told: DeskStatus[] = [];
  const status = new SyncStatus((s) => told.push(DeskStatus.parse(s)));
  return { told, status };
}

describe('sync status', () => {
  it('says syncing until the first answer, then online, and offline only when every connection fails', () => {
    const { told, status } = watched();
    status.align(both);
    status.failed('a', at(0), 0);
    expect(status.current().connection).toBe('syncing');
    status.succeeded('b', at(0), 0);
    expect(status.current().connection).toBe('online');
    status.failed('b', at(1), 0);
    expect(status.current().connection).toBe('offline');
    expect(told.map((s) => s.connection)).toEqual(['syncing', 'syncing', 'online', 'offline']);
  });

  it('keeps quiet about a newer last-sync time until it has moved five minutes', () => {
    const { told, status } = watched();
    status.align([{ id: 'a', label: 'Magicline' }]);
    told.splice(0);
    status.succeeded('a', at(0), 0);
    status.succeeded('a', at(1), 0);
    status.succeeded('a', at(4), 0);
    expect(told.map((s) => s.lastSyncAt)).toEqual([at(0)]);
    expect(status.current().lastSyncAt).toBe(at(4));
    expect(status.current().connections[0]?.lastSyncAt).toBe(at(4));
    status.succeeded('a', at(5), 0);
    status.succeeded('a', at(6), 1);
    expect(told.map((s) => [s.lastSyncAt, s.pendingActions])).toEqual([
      [at(0), 0],
      [at(5), 0],
      [at(6), 1],
    ]);
  });

  it('names per connection how fresh its data is and since when it fails', () => {
    const { status } = watched();
    status.align(both);
    expect(status.current().connections).toEqual([
      { id: 'a', label: 'Magicline', state: 'never_synced' },
      { id: 'b', label: 'Zenoti', state: 'never_synced' },
    ]);
    status.succeeded('a', at(0), 0);
    status.failed('a', at(2), 0);
    status.failed('a', at(3), 0);
    status.succeeded('b', at(3), 0);
    expect(status.current().connections).toEqual([
      // The first failure of the run says since when; the last good sync stays, so the desk can tell how old the data is.
      { id: 'a', label: 'Magicline', state: 'failing', lastSyncAt: at(0), failingSince: at(2) },
      { id: 'b', label: 'Zenoti', state: 'ok', lastSyncAt: at(3) },
    ]);
    expect(status.current()).toMatchObject({ connection: 'online', lastSyncAt: at(3) });
    status.succeeded('a', at(4), 0);
    expect(status.current().connections[0]).toEqual({ id: 'a', label: 'Magicline', state: 'ok', lastSyncAt: at(4) });
  });

  it('starts from what the store remembers, follows renamed and removed connections, and is offline with none', () => {
    const { status } = watched();
    status.align([
      { id: 'a', label: 'Magicline', lastSyncAt: at(0) },
      { id: 'b', label: 'Zenoti', lastSyncAt: at(0), failingSince: at(1) },
    ]);
    expect(status.current().connections).toEqual([
      { id: 'a', label: 'Magicline', state: 'ok', lastSyncAt: at(0) },
      { id: 'b', label: 'Zenoti', state: 'failing', lastSyncAt: at(0), failingSince: at(1) },
    ]);
    // Remembered from before a restart, not answered yet in this run: still syncing, not offline.
    status.failed('b', at(5), 0);
    expect(status.current().connection).toBe('syncing');
    expect(status.current().connections[1]?.failingSince).toBe(at(1));
    status.align([{ id: 'a', label: 'Magicline Berlin' }]);
    expect(status.current().connections).toEqual([{ id: 'a', label: 'Magicline Berlin', state: 'ok', lastSyncAt: at(0) }]);
    status.align([]);
    expect(status.current()).toMatchObject({ connection: 'offline', connections: [] });
  });
});
