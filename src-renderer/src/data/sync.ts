import type { ChangeSet } from '../../../src-shared/contract';
import type { DeskAction, DeskStatus } from '../../../src-shared/domain';
import type { DeskLink, LinkState } from '../desk/desk-link';
import type { DeskDatabase } from './db';
import { readMeta, readPosition, writeMeta, type CachePosition } from './meta';
import type { Snapshot } from '../../../src-shared/contract';
import { applyChangeSet, applySnapshot, finishSnapshot, putSnapshotPart, type Received } from './replica';

export interface SyncOptions {
  /** Wait before asking again when the core is reachable but hello or a catch-up failed. */
  retryMs?: number;
  /** Told of the desk actions in a change set as it arrives, and again once it is written (or dropped). */
  arriving?: { hold(actions: readonly DeskAction[]): void; release(actions: readonly DeskAction[]): void };
}

export interface DeskSync {
  stop(): void;
  /** Resolves once every event received so far has been written (tests, diagnostics). */
  settled(): Promise<void>;
}

/** How a change set relates to what the cache holds. */
type Fit = 'applies' | 'known' | 'gap' | 'other_store';

function fitOf(changes: ChangeSet, held: CachePosition): Fit {
  if (changes.store !== held.store) return 'other_store';
  if (changes.seq <= held.seq) return 'known';
  // Sequence numbers need not be consecutive: a set follows the cache when it starts at or before it.
  return changes.from > held.seq ? 'gap' : 'applies';
}

/**
 * Keeps the Dexie cache equal to the core's store: on every (re)connect hello, then
 * getChanges for what the cache is missing (the core answers with the changes since, or a
 * snapshot), then live change sets; one that does not follow the cache asks getChanges again.
 * Work runs one task at a time on a queue, so change sets arriving during a catch-up wait behind it.
 */
export function startSync(
  link: DeskLink,
  db: DeskDatabase,
  report: (state: LinkState) => void,
  options: SyncOptions = {},
): DeskSync {
  const retryMs = options.retryMs ?? 2000;
  // Bumped on every open and close; a task from an older connection drops its result and says nothing.
  let generation = 0;
  let liveGeneration = -1;
  let held: CachePosition = { seq: 0 };
  // The newest status heard, set as it arrives, so a queued write never stores an older one over it.
  let latestStatus: DeskStatus | undefined;
  let savedStatus: string | undefined;
  let queue: Promise<void> = Promise.resolve();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const current = (gen: number): boolean => gen === generation && !stopped;

  function enqueue(task: () => Promise<void>): void {
    queue = queue.then(task).catch((error: unknown) => console.error('Classdesk sync:', error));
  }

  function retryLater(gen: number, error: unknown): void {
    if (!current(gen)) return;
    console.warn('Classdesk sync: will ask the core again', error);
    liveGeneration = -1;
    report('connecting');
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => enqueue(() => handshake(gen)), retryMs);
  }

  async function saveStatus(): Promise<void> {
    // Kept in Dexie so the strip can tell each system's data age while the core is out of reach.
    if (!latestStatus) return;
    const told = JSON.stringify(latestStatus);
    // After a reload the saved one is in Dexie only; an unchanged status is not written again.
    savedStatus ??= JSON.stringify((await readMeta(db, 'deskStatus')) ?? null);
    if (told === savedStatus) return;
    await writeMeta(db, 'deskStatus', latestStatus);
    savedStatus = told;
  }

  async function apply(changes: ChangeSet): Promise<void> {
    await applyChangeSet(db, changes);
    held = { store: changes.store, seq: changes.seq };
  }

  /**
   * A snapshot in parts: the first (the desk's today) is written at once, so Today shows within a
   * moment on a new desk; the rest follows part by part, and only then does what no part named leave.
   */
  async function takeSnapshotInParts(gen: number, snapshot: Snapshot): Promise<boolean> {
    const received: Received = new Map();
    await putSnapshotPart(db, snapshot.records, received);
    let more = snapshot.more;
    while (more !== undefined) {
      if (!current(gen)) return false;
      const part = await link.api.getSnapshotRest({ store: snapshot.store, more });
      if (!current(gen)) return false;
      await putSnapshotPart(db, part.records, received);
      more = part.more;
    }
    await finishSnapshot(db, snapshot, received);
    return current(gen);
  }

  /** Brings the cache up to the core's store; false when the link moved on meanwhile. */
  async function catchUp(gen: number): Promise<boolean> {
    let ask: { store?: string; since: number } = held.store === undefined ? { since: 0 } : { store: held.store, since: held.seq };
    // An answer that does not follow the cache is asked for again as a new desk would: that brings a snapshot.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await link.api.getChanges(ask);
      if (!current(gen)) return false;
      if (answer.kind === 'snapshot' && answer.more !== undefined) {
        if (!(await takeSnapshotInParts(gen, answer))) return false;
        held = { store: answer.store, seq: answer.seq };
        // The store moved on while the parts came: what changed meanwhile is asked for next.
        ask = { store: answer.store, since: answer.seq };
        continue;
      }
      if (answer.kind === 'snapshot') {
        await applySnapshot(db, answer);
        held = { store: answer.store, seq: answer.seq };
        return current(gen);
      }
      const fit = fitOf(answer, held);
      if (fit === 'known') return true;
      if (fit === 'applies') {
        await apply(answer);
        return current(gen);
      }
      ask = { since: 0 };
    }
    throw new Error('The core answered with changes that do not follow the cache');
  }

  async function handshake(gen: number): Promise<void> {
    if (!current(gen)) return;
    try {
      const sentAt = Date.now();
      const hello = await link.api.hello({});
      const answeredAt = Date.now();
      if (!current(gen)) return;
      // Status events pushed before this answer are older than it; later ones overwrite it.
      latestStatus = hello.status;
      // Half the round trip is the best guess of when the core read its clock.
      await writeMeta(db, 'clockOffsetMs', Date.parse(hello.now) - (sentAt + answeredAt) / 2);
      // The core remembers which location this desk serves: a new profile opens there, not on the first by name.
      if (hello.deskLocationId) await writeMeta(db, 'deskLocationId', hello.deskLocationId);
      await saveStatus();
      held = await readPosition(db);
      if (!current(gen)) return;
      // Every await before the report is checked: a core that died meanwhile must not be called up.
      if (!(await catchUp(gen))) return;
      liveGeneration = gen;
      report('up');
    } catch (error) {
      retryLater(gen, error);
    }
  }

  async function receiveChanges(gen: number, changes: ChangeSet): Promise<void> {
    if (!current(gen) || liveGeneration !== gen) return;
    try {
      let fit = fitOf(changes, held);
      if (fit === 'gap' || fit === 'other_store') {
        if (!(await catchUp(gen))) return;
        fit = fitOf(changes, held);
      }
      if (fit === 'applies') await apply(changes);
    } catch (error) {
      retryLater(gen, error);
    }
  }

  function opened(): void {
    generation += 1;
    liveGeneration = -1;
    clearTimeout(retryTimer);
    report('connecting');
    const gen = generation;
    enqueue(() => handshake(gen));
  }

  function closed(): void {
    generation += 1;
    liveGeneration = -1;
    clearTimeout(retryTimer);
    // The cache stays as it is: without the core, the desk shows the saved schedule.
    report('down');
  }

  // Listening starts before hello, so nothing pushed during the handshake is lost.
  const unsubscribe = link.api.subscribe((event) => {
    const gen = generation;
    switch (event.name) {
      case 'changes': {
        const actions = event.payload.upserts.deskActions ?? [];
        if (actions.length === 0 || !options.arriving) {
          enqueue(() => receiveChanges(gen, event.payload));
          return;
        }
        const { arriving } = options;
        arriving.hold(actions);
        enqueue(() => receiveChanges(gen, event.payload).finally(() => arriving.release(actions)));
        return;
      }
      case 'status':
        latestStatus = event.payload;
        enqueue(saveStatus);
        return;
      case 'connections':
        // The connections list belongs to the screen that shows it; it is neither cached nor a status.
        return;
      case 'update':
        // The shell's word for the status strip (desk/update-notice.ts keeps it), nothing to cache.
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
