import type { Connection, WellhubClass, WellhubClassLink, WellhubPlaces as PlacesState } from '../../../src-shared/connections';
import { deskMessage } from '../../../src-shared/desk-messages';
import type { Clock } from '../clock';
import { DeskError } from '../command-dispatch';
import type { ConnectionBook } from '../connections/connection-book';
import type { ProviderFetch } from '../providers/provider';
import { WellhubProvider } from '../providers/wellhub/wellhub-provider';
import { allClassLinks, classLinksOf, forgetClassLinks, replaceClassLinks } from '../store/class-links';
import type { DeskStore } from '../store/desk-store';
import { pairFetched, repairPairings } from './class-pairing';
import { defaultPlacesTiming, WellhubPlaces, type PlacesTiming } from './wellhub-places';

export interface OneRosterOptions {
  store: DeskStore;
  connections: ConnectionBook;
  clock: Clock;
  timing?: Partial<PlacesTiming>;
  /** Rows were committed: tell the renderers. */
  publish(): void;
  publishConnections(): void;
  /** The paired slots of a connection were counted: its relay hears the numbers that changed. */
  counted(connectionId: string): void;
  log(message: string): void;
}

/**
 * One roster across channels: the gym's main system and Wellhub selling the same class. The links (which
 * class is sold as which Wellhub class) are set in Connections and kept in the store; each fetch pairs the
 * Wellhub slots with the main system's sessions (class-pairing.ts); and the places of paired slots follow
 * the class at Wellhub (wellhub-places.ts).
 */
export class OneRoster {
  readonly places: WellhubPlaces;

  constructor(private readonly options: OneRosterOptions) {
    this.places = new WellhubPlaces({
      store: options.store,
      clock: options.clock,
      timing: { ...defaultPlacesTiming, ...options.timing },
      wellhubConnections: () => [...new Set(allClassLinks(options.store).map((link) => link.wellhubConnectionId))],
      wellhubOf: (id) => this.wellhubOf(id),
      counted: (id) => options.counted(id),
      changed: () => options.publishConnections(),
      log: options.log,
    });
  }

  /** What a Wellhub connection's record says about its links and places (connection-book's list). */
  shownWith(connectionId: string): { classLinks?: WellhubClassLink[]; wellhubPlaces?: PlacesState } {
    if (!this.isWellhub(connectionId)) return {};
    const classLinks = classLinksOf(this.options.store, connectionId).map(({ classTypeId, wellhubClassId }) => ({ classTypeId, wellhubClassId }));
    const places = this.places.state(connectionId);
    return { classLinks, ...(places ? { wellhubPlaces: places } : {}) };
  }

  /** A fetch on its way into the store: a Wellhub one with its slots paired already. */
  beforeStore(connectionId: string, fetched: ProviderFetch): ProviderFetch {
    return this.isWellhub(connectionId) ? pairFetched(this.options.store, connectionId, fetched) : fetched;
  }

  /** After a fetch of the main system (its classes may have moved): the pairings follow. */
  afterStore(connectionId: string): void {
    if (this.isWellhub(connectionId)) return;
    this.repair();
  }

  /** Connections were added, changed or removed: links of removed ones go, pairings follow. */
  connectionsChanged(activeIds: readonly string[]): void {
    const { store } = this.options;
    const known = new Set(activeIds);
    for (const link of allClassLinks(store)) {
      if (!known.has(link.wellhubConnectionId)) forgetClassLinks(store, link.wellhubConnectionId);
      else if (!known.has(link.mainConnectionId)) forgetClassLinks(store, link.mainConnectionId);
    }
    this.repair();
  }

  async wellhubClasses(connectionId: string): Promise<WellhubClass[]> {
    const wellhub = this.wellhubOf(connectionId);
    if (!wellhub) throw this.notWellhub(connectionId);
    return wellhub.wellhubClasses();
  }

  /** Replaces a Wellhub connection's links; each names a class of another, non-Wellhub connection the store holds. */
  saveLinks(connectionId: string, links: readonly WellhubClassLink[]): Connection {
    const { store, connections } = this.options;
    const connection = connections.list().find((c) => c.id === connectionId);
    if (!connection || connection.provider !== 'wellhub') throw this.notWellhub(connectionId);
    const byClass = new Map(links.map((link) => [link.classTypeId, link]));
    const stored = [...byClass.values()].map((link) => {
      const classType = store.get('classTypes', link.classTypeId);
      if (!classType || this.isWellhub(classType.connectionId)) {
        throw new DeskError('invalid_input', deskMessage('class_link_not_main_class', { classType: link.classTypeId.slice(0, 200) }));
      }
      return { ...link, mainConnectionId: classType.connectionId };
    });
    replaceClassLinks(store, connectionId, stored);
    this.repair();
    this.options.publishConnections();
    const saved = connections.list().find((c) => c.id === connectionId);
    if (!saved) throw new DeskError('not_found', { code: 'connection_removed' });
    return saved;
  }

  close(): Promise<void> {
    return this.places.close();
  }

  private repair(): void {
    if (repairPairings(this.options.store, this.options.connections.idsOf('wellhub')) > 0) this.options.publish();
    this.places.touch();
  }

  private isWellhub(connectionId: string): boolean {
    return this.options.connections.kindOf(connectionId) === 'wellhub';
  }

  private wellhubOf(connectionId: string): WellhubProvider | undefined {
    const provider = this.options.connections.providers().find((p) => p.connectionId === connectionId);
    // The core's providers are record-checking proxies of the adapters; instanceof sees through them.
    return provider instanceof WellhubProvider ? provider : undefined;
  }

  private notWellhub(connectionId: string): DeskError {
    return this.options.connections.kindOf(connectionId) !== undefined
      ? new DeskError('invalid_input', { code: 'class_links_only_for_wellhub' })
      : new DeskError('not_found', { code: 'connection_removed' });
  }
}
