import { describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../src-shared/domain';
import { SyncStatus } from '../../src-main/core/sync/sync-status';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();

describe('sync status', () => {
  it('says syncing until the first answer, then online, and offline only when every connection fails', () => {
    const told: DeskStatus[] = [];
    const status = new SyncStatus((s) => told.push(s));
    status.failed('a', 2, 0);
    expect(status.current().connection).toBe('syncing');
    status.succeeded('b', at(0), 0);
    expect(status.current().connection).toBe('online');
    status.failed('b', 2, 0);
    expect(status.current().connection).toBe('offline');
    expect(told.map((s) => s.connection)).toEqual(['online', 'offline']);
  });

  it('keeps quiet about a newer last-sync time until it has moved five minutes', () => {
    const told: DeskStatus[] = [];
    const status = new SyncStatus((s) => told.push(s));
    status.succeeded('a', at(0), 0);
    status.succeeded('a', at(1), 0);
    status.succeeded('a', at(4), 0);
    expect(told.map((s) => s.lastSyncAt)).toEqual([at(0)]);
    expect(status.current().lastSyncAt).toBe(at(4));
    status.succeeded('a', at(5), 0);
    status.succeeded('a', at(6), 1);
    expect(told.map((s) => [s.lastSyncAt, s.pendingActions])).toEqual([
      [at(0), 0],
      [at(5), 0],
      [at(6), 1],
    ]);
  });
});
