import type { Session } from '../../../src-shared/domain';
import type { ProviderFetch } from '../providers/provider';
import { classLinksOf, type StoredClassLink } from '../store/class-links';
import type { DeskStore } from '../store/desk-store';

/**
 * Which Wellhub slot is which class of the gym's main system. A Wellhub class is linked to a class (type) of
 * the main system in Connections; a session of that class pairs with the slot of the linked Wellhub class
 * that starts at the same instant. This assumes the gym's Wellhub slots mirror its timetable (one slot per
 * class, at the class's time), which is how gyms publish to Wellhub; a slot at another time stays a Wellhub
 * class of its own. The pairing is kept on the Wellhub session (`sameClassAs`), so the desk can show one
 * roster and one capacity.
 */

/** Providers write instants alike, but a second either side costs nothing and survives a format without ms. */
const nearMs = 1_000;

function wellhubClassIdOf(wellhubConnectionId: string, classTypeId: string): number | undefined {
  const prefix = `${wellhubConnectionId}:class-type:`;
  const rest = classTypeId.startsWith(prefix) ? classTypeId.slice(prefix.length) : '';
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

/** The main-system session a Wellhub session is the same class as, by the links; undefined when none. */
export function sameClassOf(store: DeskStore, links: readonly StoredClassLink[], wellhubSession: Session): string | undefined {
  const wellhubClassId = wellhubClassIdOf(wellhubSession.connectionId, wellhubSession.classTypeId);
  if (wellhubClassId === undefined) return undefined;
  const startMs = Date.parse(wellhubSession.startsAt);
  const from = new Date(startMs - nearMs).toISOString();
  const to = new Date(startMs + nearMs).toISOString();
  for (const link of links) {
    if (link.wellhubClassId !== wellhubClassId) continue;
    for (const id of store.sessionIdsBetween(link.mainConnectionId, from, to)) {
      const main = store.get('sessions', id);
      if (main?.classTypeId === link.classTypeId && Date.parse(main.startsAt) === startMs) return main.id;
    }
  }
  return undefined;
}

function withPairing(session: Session, sameClassAs: string | undefined): Session {
  const { sameClassAs: _before, ...rest } = session;
  return sameClassAs === undefined ? rest : { ...rest, sameClassAs };
}

/**
 * A Wellhub fetch as it goes into the store, its sessions paired already: written once with the pairing,
 * rather than without it and again with it (which would cost every quiet pass two changes).
 */
export function pairFetched(store: DeskStore, wellhubConnectionId: string, fetched: ProviderFetch): ProviderFetch {
  const links = classLinksOf(store, wellhubConnectionId);
  const sessions = fetched.records.sessions.map((session) => withPairing(session, links.length > 0 ? sameClassOf(store, links, session) : undefined));
  return { ...fetched, records: { ...fetched.records, sessions } };
}

/**
 * After the main system's classes moved, or the links changed: every stored session of these Wellhub
 * connections gets the pairing the links say now. Only sessions whose pairing changed are written.
 * Returns how many were.
 */
export function repairPairings(store: DeskStore, wellhubConnectionIds: readonly string[]): number {
  return store.write((change) => {
    let written = 0;
    for (const connectionId of wellhubConnectionIds) {
      const links = classLinksOf(store, connectionId);
      for (const id of store.idsOf('sessions', connectionId)) {
        const session = store.get('sessions', id);
        if (!session) continue;
        const wanted = links.length > 0 ? sameClassOf(store, links, session) : undefined;
        if (session.sameClassAs === wanted) continue;
        if (change.put('sessions', withPairing(session, wanted))) written += 1;
      }
    }
    return written;
  });
}
