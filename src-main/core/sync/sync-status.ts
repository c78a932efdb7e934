import type { DeskStatus } from '../../../src-shared/domain';

/** A quiet pass must cost nothing, so a newer last-sync time alone is told at most this often. */
const lastSyncGrainMs = 5 * 60_000;

/**
 * The desk's one-word sync state from every connection's last outcome: syncing
 * until the first answer, online while any connection syncs, offline when all
 * fail. Only a real change is reported; a pass that changed nothing but the
 * last-sync time is reported once that time has moved by five minutes.
 */
export class SyncStatus {
  private status: DeskStatus = { connection: 'syncing', pendingActions: 0 };
  private told: DeskStatus = this.status;
  private readonly lastOutcome = new Map<string, boolean>();

  constructor(private readonly changed: (status: DeskStatus) => void) {}

  current(): DeskStatus {
    return this.status;
  }

  succeeded(connectionId: string, at: string, pendingActions: number): void {
    this.lastOutcome.set(connectionId, true);
    this.update({ connection: 'online', lastSyncAt: at, pendingActions });
  }

  failed(connectionId: string, activeConnections: number, pendingActions: number): void {
    this.lastOutcome.set(connectionId, false);
    const anyGood = [...this.lastOutcome.values()].some(Boolean);
    const allAnswered = this.lastOutcome.size >= activeConnections;
    this.update({ connection: anyGood ? 'online' : allAnswered ? 'offline' : this.status.connection, pendingActions });
  }

  /** Connections that left no longer count; with none left there is nothing to be online with. */
  keepOnly(connectionIds: Set<string>): void {
    for (const id of [...this.lastOutcome.keys()]) if (!connectionIds.has(id)) this.lastOutcome.delete(id);
    if (connectionIds.size === 0) this.update({ connection: 'offline' });
  }

  update(next: Partial<DeskStatus>): void {
    this.status = { ...this.status, ...next };
    const { lastSyncAt, ...rest } = this.status;
    const { lastSyncAt: toldSyncAt, ...toldRest } = this.told;
    const moved = JSON.stringify(rest) !== JSON.stringify(toldRest);
    const syncNews = lastSyncAt !== toldSyncAt && (toldSyncAt === undefined || lastSyncAt === undefined || Date.parse(lastSyncAt) - Date.parse(toldSyncAt) >= lastSyncGrainMs);
    if (!moved && !syncNews) return;
    this.told = this.status;
    this.changed(this.status);
  }
}
