import type { WellhubClassLink } from '../../../src-shared/connections';
import type { DeskStore } from './desk-store';

/** A class link as the store keeps it: with the main class's connection, so it leaves with either connection. */
export interface StoredClassLink extends WellhubClassLink {
  wellhubConnectionId: string;
  mainConnectionId: string;
}

interface LinkRow {
  wellhub_connection_id: string;
  class_type_id: string;
  main_connection_id: string;
  wellhub_class_id: number;
}

const fromRow = (row: LinkRow): StoredClassLink => ({
  wellhubConnectionId: row.wellhub_connection_id,
  classTypeId: row.class_type_id,
  mainConnectionId: row.main_connection_id,
  wellhubClassId: row.wellhub_class_id,
});

/**
 * Which class of the gym's main system is sold as which Wellhub class (store schema 6). Kept in the store,
 * not in connections.json: links name class types, which are store records, and leave with them.
 */
export function classLinksOf(store: DeskStore, wellhubConnectionId: string): StoredClassLink[] {
  return store
    .rows<LinkRow>('SELECT * FROM wellhub_class_links WHERE wellhub_connection_id = ? ORDER BY class_type_id', wellhubConnectionId)
    .map(fromRow);
}

export function allClassLinks(store: DeskStore): StoredClassLink[] {
  return store.rows<LinkRow>('SELECT * FROM wellhub_class_links ORDER BY wellhub_connection_id, class_type_id').map(fromRow);
}

/** Replaces the Wellhub connection's links in one transaction. */
export function replaceClassLinks(store: DeskStore, wellhubConnectionId: string, links: readonly Omit<StoredClassLink, 'wellhubConnectionId'>[]): void {
  store.write(() => {
    store.run('DELETE FROM wellhub_class_links WHERE wellhub_connection_id = ?', wellhubConnectionId);
    for (const link of links) {
      store.run(
        'INSERT INTO wellhub_class_links (wellhub_connection_id, class_type_id, main_connection_id, wellhub_class_id) VALUES (?, ?, ?, ?)',
        wellhubConnectionId,
        link.classTypeId,
        link.mainConnectionId,
        link.wellhubClassId,
      );
    }
  });
}

/** A connection was removed: its links go, whichever side it was on. */
export function forgetClassLinks(store: DeskStore, connectionId: string): void {
  store.write(() => store.run('DELETE FROM wellhub_class_links WHERE wellhub_connection_id = ? OR main_connection_id = ?', connectionId, connectionId));
}
