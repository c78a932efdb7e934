import type { ConnectionFreshness, DeskStatus } from '../../../src-shared/domain';
import { definedOnly } from '../defined-only';
import { lastSyncIsNews } from '../last-sync-news';


export interface StatusConnection {
  id: string;
  label: string;
  /** What the store remembers from before a restart: the data's age survives it. */
  lastSyncAt?: string;
  failingSince?: string;
}

/**
 * The desk's sync state from every connection's last outcome: syncing until the
 * first answer, online while any connection syncs, offline when all fail; and
 * per connection, how fresh its data is and since when it fails, so the desk can
 * name the system that is down. Only a real change is reported; newer last-sync
 * times alone once they have moved by five minutes.
 */
export class SyncStatus {
  private status: DeskStatus = { connection: 'syncing', pendingActions: 0, connections: [] };
  private told: DeskStatus = this.status;
  private readonly answered = new Set<string>();

  constructor(private readonly changed: (status: DeskStatus) => void) {}

  current(): DeskStatus {
    return this.status;
  }

  /** The connections the desk serves now, in the order it lists them. */
  align(connections: StatusConnection[]): void {
    const before = new Map(this.status.connections.map((c) => [c.id, c]));
    for (const id of [...this.answered]) if (!connections.some((c) => c.id === id)) this.answered.delete(id);
    const next = connections.map((c): ConnectionFreshness => {
      const known = before.get(c.id);
      if (known) return { ...known, label: c.label };
      return definedOnly({ id: c.id, label: c.label, state: c.lastSyncAt || c.failingSince ? (c.failingSince ? 'failing' : 'ok') : 'never_synced', lastSyncAt: c.lastSyncAt, failingSince: c.failingSince });
    });
    this.update({ connections: next, ...(next.length === 0 ? { connection: 'offline' as const } : {}) });
  }

  succeeded(connectionId: string, at: string, pendingActions: number): void {
    this.answered.add(connectionId);
    const connections = this.status.connections.map((c) => (c.id === connectionId ? { id: c.id, label: c.label, state: 'ok' as const, lastSyncAt: at } : c));
    this.update({ connection: 'online', connections, pendingActions });
  }

  failed(connectionId: string, at: string, pendingActions: number): void {
    this.answered.add(connectionId);
    const connections = this.status.connections.map((c) =>
      c.id === connectionId ? { ...c, state: 'failing' as const, failingSince: c.failingSince ?? at } : c,
    );
    const anyGood = connections.some((c) => this.answered.has(c.id) && c.state === 'ok');
    const allAnswered = connections.every((c) => this.answered.has(c.id));
    this.update({ connection: anyGood ? 'online' : allAnswered ? 'offline' : this.status.connection, connections, pendingActions });
  }

  update(next: Partial<DeskStatus>): void {
    const merged = { ...this.status, ...next };
    const lastSyncAt = latest(merged.connections.map((c) => c.lastSyncAt));
    this.status = definedOnly({ ...merged, lastSyncAt });
    if (!this.worthTelling()) return;
    this.told = this.status;
    this.changed(this.status);
  }

  private worthTelling(): boolean {
    const withoutTimes = (status: DeskStatus) =>
      JSON.stringify({ ...status, lastSyncAt: undefined, connections: status.connections.map((c) => ({ ...c, lastSyncAt: c.lastSyncAt === undefined })) });
    if (withoutTimes(this.status) !== withoutTimes(this.told)) return true;
    const toldTimes = new Map(this.told.connections.map((c) => [c.id, c.lastSyncAt]));
    return this.status.connections.some((c) => lastSyncIsNews(toldTimes.get(c.id), c.lastSyncAt));
  }
}

function latest(times: (string | undefined)[]): string | undefined {
  return times.reduce<string | undefined>((a, b) => (b !== undefined && (a === undefined || b > a) ? b : a), undefined);
}
