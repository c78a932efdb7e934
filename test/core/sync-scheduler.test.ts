import { describe, expect, it } from 'vitest';
import { noCapabilities } from '../../src-shared/connections';
import type { Provider, ProviderFetch, SyncWindow } from '../../src-main/core/providers/provider';
import { defaultRhythm } from '../../src-main/core/sync/connection-sync';
import { SyncScheduler } from '../../src-main/core/sync/sync-scheduler';

/**
 * A connection that changes or leaves while its fetch is on the wire: the answer, when it comes, must not
 * reach the store (it may hold the new adapter's data, or be closed), and closing the desk waits for it.
 */

const empty: ProviderFetch = { records: { locations: [], instructors: [], classTypes: [], sessions: [], members: [], bookings: [] }, issues: [] };

function heldProvider(connectionId: string) {
  let answer: (fetch: ProviderFetch) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const asked: SyncWindow[] = [];
  const provider: Provider = {
    source: 'demo',
    connectionId,
    capabilities: noCapabilities,
    testConnection: async () => undefined,
    fetchWindow: (window) => {
      asked.push(window);
      return new Promise<ProviderFetch>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      });
    },
  };
  return { provider, asked, answer: (fetch: ProviderFetch) => answer(fetch), fail: (error: Error) => fail(error) };
}

function schedulerWith(log: string[]) {
  return new SyncScheduler(
    () => new Date('2026-03-20T10:00:00Z'),
    defaultRhythm,
    {
      zoneFor: () => 'Europe/Berlin',
      beforePass: async () => undefined,
      fetched: async (provider) => void log.push(`fetched ${provider.connectionId}`),
      lastFullWindowAt: () => undefined,
      failed: (provider) => void log.push(`failed ${provider.connectionId}`),
    },
    false,
    () => undefined,
  );
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('a connection that changes while its fetch is on the wire', () => {
  it('keeps the late answer out of the store, and closing waits for that pass', async () => {
    const log: string[] = [];
    const scheduler = schedulerWith(log);
    const old = heldProvider('zenoti-1');
    scheduler.align([old.provider]);
    void scheduler.syncAll();
    await settle();
    expect(old.asked).toHaveLength(1);

    // Saved with new settings: a new adapter takes over, the old one's pass is still waiting for its answer.
    const replaced = heldProvider('zenoti-1');
    scheduler.align([replaced.provider]);
    let closed = false;
    const closing = scheduler.stop().then(() => (closed = true));
    await settle();
    expect(closed).toBe(false);

    old.answer(empty);
    await closing;
    expect(log).toEqual([]);
  });

  it('keeps a late failure out of the connection’s health too', async () => {
    const log: string[] = [];
    const scheduler = schedulerWith(log);
    const leaving = heldProvider('whautomate-1');
    scheduler.align([leaving.provider]);
    void scheduler.syncAll();
    await settle();
    scheduler.align([]);
    leaving.fail(new Error('connection reset'));
    await scheduler.stop();
    expect(log).toEqual([]);
  });
});
