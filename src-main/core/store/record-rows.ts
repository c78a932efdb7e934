import type { RecordSet, RecordTable } from '../../../src-shared/contract';

/** The row type a contract table carries: StoredRow<'sessions'> is a Session. */
export type StoredRow<K extends RecordTable> = RecordSet[K][number];

/** The columns beside the JSON body that the core's own queries need (by start, roster, barcode, state). */
export interface IndexColumns {
  starts_at: string | null;
  location_id: string | null;
  session_id: string | null;
  member_id: string | null;
  barcode: string | null;
  member_number: string | null;
  state: string | null;
}

const none: IndexColumns = {
  starts_at: null,
  location_id: null,
  session_id: null,
  member_id: null,
  barcode: null,
  member_number: null,
  state: null,
};

export function indexColumnsOf<K extends RecordTable>(table: K, row: StoredRow<K>): IndexColumns {
  // Each branch narrows `row` by its table; TypeScript cannot link the two, hence the casts.
  switch (table) {
    case 'sessions': {
      const session = row as StoredRow<'sessions'>;
      return { ...none, starts_at: session.startsAt, location_id: session.locationId };
    }
    case 'bookings': {
      const booking = row as StoredRow<'bookings'>;
      return { ...none, session_id: booking.sessionId, member_id: booking.memberId };
    }
    case 'members': {
      const member = row as StoredRow<'members'>;
      return { ...none, barcode: member.barcode ?? null, member_number: member.memberNumber };
    }
    case 'visits': {
      const visit = row as StoredRow<'visits'>;
      return { ...none, member_id: visit.memberId };
    }
    case 'deskActions': {
      const action = row as StoredRow<'deskActions'>;
      return { ...none, state: action.state, session_id: action.sessionId ?? null, member_id: action.memberId ?? null };
    }
    default:
      return none;
  }
}

/**
 * One JSON text per row content, whatever order an adapter built its keys in and
 * whether it wrote an absent field as `undefined`: equal text means nothing changed.
 * Rows are flat records (no nested objects), so sorting the top level is enough.
 */
export function canonicalJson(row: object): string {
  const record = row as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const value = record[key];
    if (value === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return `${text}}`;
}
