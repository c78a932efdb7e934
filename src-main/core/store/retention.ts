import type { DeskStore } from './desk-store';
import { forgetFetchesBefore } from './fetch-log';
import { storeQueries } from './store-queries';

export interface RetentionPolicy {
  /** Classes (with their bookings) that started more than this many days ago leave. */
  dataDays: number;
  /** Finished desk actions (confirmed, rejected, needs attention) older than this leave; waiting ones never. */
  actionDays: number;
}

export const defaultRetention: RetentionPolicy = { dataDays: 7, actionDays: 30 };

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Old data leaves by rule, never by accident: old classes and their bookings,
 * finished desk actions past their retention, and tombstones older than the
 * data retention (raising the horizon: a renderer behind it gets a snapshot).
 * One transaction, so a crash in the middle leaves the store as it was.
 */
export interface RetentionOutcome {
  sessions: number;
  deskActions: number;
  visits: number;
  tombstones: number;
}

export function applyRetention(store: DeskStore, now: Date, policy: RetentionPolicy): RetentionOutcome {
  const dataCutoff = new Date(now.getTime() - policy.dataDays * dayMs).toISOString();
  const actionCutoff = new Date(now.getTime() - policy.actionDays * dayMs).toISOString();
  return store.write((change) => {
    const oldSessions = store.rows<{ id: string }>(storeQueries.oldSessions, dataCutoff);
    for (const { id } of oldSessions) {
      for (const booking of store.where('bookings', 'session_id', id)) change.remove('bookings', booking.id);
      change.remove('sessions', id);
    }
    const finished = store.rows<{ id: string }>(storeQueries.finishedActionsBefore, actionCutoff);
    for (const { id } of finished) change.remove('deskActions', id);
    // Wellhub visits from the relay leave like classes: once their time is past the data retention.
    const oldVisits = store.rows<{ id: string }>(storeQueries.oldVisits, dataCutoff);
    for (const { id } of oldVisits) change.remove('visits', id);

    forgetFetchesBefore(store, dataCutoff);
    const forgotten = store.one<{ seq: number | null; n: number }>(storeQueries.oldTombstones, dataCutoff);
    if (forgotten?.seq) {
      store.run(storeQueries.forgetOldTombstones, dataCutoff);
      store.raiseHorizon(forgotten.seq);
    }
    return { sessions: oldSessions.length, deskActions: finished.length, visits: oldVisits.length, tombstones: forgotten?.n ?? 0 };
  });
}
