import type { Provider } from '../providers/provider';
import type { DeskFirst } from '../store/change-feed';
import type { DeskStore } from '../store/desk-store';
import { localDayAround } from './sync-window';

/**
 * Whose today the desk means. The desk location's own connection is the desk's
 * connection; elsewhere today is the local day of the connection's first location,
 * or of its configured zone before any location is known.
 */
export class DeskToday {
  constructor(
    private readonly store: DeskStore,
    private readonly deskLocationId: () => string | undefined,
    private readonly configuredZone: (connectionId: string) => string | undefined,
  ) {}

  /** The connection whose location this desk serves: from the store, else from the id (adapters prefix ids with it). */
  connectionId(providers: Provider[]): string | undefined {
    const locationId = this.deskLocationId();
    if (locationId === undefined) return undefined;
    const known = this.store.get('locations', locationId);
    return known?.connectionId ?? providers.find((p) => locationId.startsWith(`${p.connectionId}:`))?.connectionId;
  }

  zoneFor(provider: Provider): string {
    const locations = this.store.where('locations', 'connection_id', provider.connectionId);
    const deskLocation = locations.find((l) => l.id === this.deskLocationId());
    return (deskLocation ?? locations[0])?.timeZone ?? this.configuredZone(provider.connectionId) ?? 'UTC';
  }

  /** What a new desk is sent first: its location's today, or every location's today before it has chosen one. */
  firstDays(now: Date): DeskFirst {
    const deskLocationId = this.deskLocationId();
    const desk = deskLocationId === undefined ? undefined : this.store.get('locations', deskLocationId);
    const locations = desk ? [desk] : this.store.all('locations');
    return { days: locations.map((l) => ({ locationId: l.id, ...localDayAround(now, l.timeZone) })) };
  }
}
