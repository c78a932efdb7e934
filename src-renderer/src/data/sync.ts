import type { ChangeSet } from '../../../src-shared/contract';
import type { ConnectionState, DeskStatus } from '../../../src-shared/domain';
import type { DeskLink } from '../desk/desk-link';
import type { DeskDatabase } from './db';
import { writeMeta } from './meta';
import { applyChangeSet, applySnapshot } from './replica';

export interface SyncOptions {
  /** Wait before asking again when the core is reachable but hello or a snapshot failed. */
  retryMs?: number;
}

export interface DeskSync {
  stop(): void;
  /** Resolves once every event received so far has been written (tests, diagnostics). */
  settled(): Promise<void>;
}

/**
 * Keeps the Dexie cache equal to the core's picture: on every (re)connect
 * hello + snapshot, then change sets in seq order; a gap in seq means missed
 * changes, healed with a fresh snapshot. Work runs one task at a time on a
 * queue, so change sets that arrive during a snapshot simply wait behind it.
 */
export function startSync(
  link: DeskLink,
  db: DeskDatabase,
  report: (state: ConnectionState) => void,
  options: SyncOptions = {},
): DeskSync {
  const retryMs = options.retryMs ?? 2000;
  // Bumped on every open and close; a task from an older connection drops its result.
  let generation = 0;
  let liveGeneration = -1;
  let seq = 0;
  let rememberedSyncAt: string | undefined;
  let latestStatus: DeskStatus | undefined;
  let queue: Promise<void> = Promise.resolve();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function enqueue(task: () => Promise<void>): void {
    queue = queue.then(task).catch((error: unknown) => console.error('Classdesk sync:', error));
  }

  function retryLater(gen: number, error: unknown): void {
    if (gen !== generation || stopped) return;
    console.warn('Classdesk sync: will ask the core again', error);
    liveGeneration = -1;
    report('syncing');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => enqueue(() => handshake(gen)), retryMs);
  }

  async function rememberSync(status: DeskStatus): Promise<void> {
    // Kept in Dexie so the strip can say how old the data is while offline.
    if (!status.lastSyncAt || status.lastSyncAt === rememberedSyncAt) return;
    rememberedSyncAt = status.lastSyncAt;
    await writeMeta(db, 'lastSyncAt', status.lastSyncAt);
  }

  async function takeSnapshot(gen: number): Promise<boolean> {
    const snapshot = await link.api.getSnapshot({});
    if (gen !== generation) return false;
    await applySnapshot(db, snapshot);
    seq = snapshot.seq;
    return true;
  }

  async function handshake(gen: number): Promise<void> {
    if (gen !== generation || stopped) return;
    try {
      const sentAt = Date.now();
      const hello = await link.api.hello({});
      const answeredAt = Date.now();
      if (gen !== generation) return;
      // Half the round trip is the best guess of when the core read its clock.
      await writeMeta(db, 'clockOffsetMs', Date.parse(hello.now) - (sentAt + answeredAt) / 2);
      // Status events pushed before this answer are older than it; later ones overwrite it.
      latestStatus = hello.status;
      await rememberSync(hello.status);
      if (!(await takeSnapshot(gen))) return;
      liveGeneration = gen;
      report(latestStatus.connection);
    } catch (error) {
      retryLater(gen, error);
    }
  }

  async function receiveChanges(gen: number, changes: ChangeSet): Promise<void> {
    if (gen !== generation || liveGeneration !== gen || changes.seq <= seq) return;
    try {
      if (changes.seq !== seq + 1) {
        if (!(await takeSnapshot(gen))) return;
        if (changes.seq !== seq + 1) return;
      }
      await applyChangeSet(db, changes);
      seq = changes.seq;
    } catch (error) {
      retryLater(gen, error);
    }
  }

  function opened(): void {
    generation += 1;
    liveGeneration = -1;
    clearTimeout(retryTimer);
    report('syncing');
    const gen = generation;
    enqueue(() => handshake(gen));
  }

  function closed(): void {
    generation += 1;
    liveGeneration = -1;
    clearTimeout(retryTimer);
    // The cache stays as it is: offline, the desk shows the saved schedule.
    report('offline');
  }

  // Listening starts before hello, so nothing pushed during the handshake is lost.
  const unsubscribe = link.api.subscribe((event) => {
    const gen = generation;
    switch (event.name) {
      case 'changes':
        enqueue(() => receiveChanges(gen, event.payload));
        return;
      case 'status': {
        const status = event.payload;
        latestStatus = status;
        if (liveGeneration === gen) report(status.connection);
        enqueue(() => rememberSync(status));
        return;
      }
      case 'connections':
        // The connections list belongs to the screen that shows it; it is neither cached nor a status.
        return;
    }
  });
  const unwatch = link.onConnectionChange((open) => (open ? opened() : closed()));
  if (link.isOpen()) opened();

  return {
    stop() {
      stopped = true;
      generation += 1;
      clearTimeout(retryTimer);
      unsubscribe();
      unwatch();
    },
    async settled() {
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
}
