import type { Booking, Member, SourceSystem } from '../../../src-shared/domain';
import type { RecordSet, RecordTable } from '../../../src-shared/contract';

/**
 * What a connected system can do. The UI asks these flags, never provider names,
 * so a provider whose API has no roster simply shows less.
 */
export interface ProviderCapabilities {
  listSessions: boolean;
  roster: boolean;
  memberByBarcode: boolean;
  checkIn: boolean;
  undoCheckIn: boolean;
  cancelBooking: boolean;
}

/** The stretch of time a sync asks for, as UTC instants (from inclusive, to exclusive). */
export interface SyncWindow {
  from: string;
  to: string;
}

/** A record the provider sent that did not fit our schema: reported, never allowed to stop the rest. */
export interface RecordIssue {
  table: RecordTable;
  sourceId?: string;
  message: string;
}

export type ProviderRecords = Omit<RecordSet, 'deskActions'>;

export interface ProviderFetch {
  records: ProviderRecords;
  issues: RecordIssue[];
}

/** One desk action as the provider sees it; `actionId` lets a provider recognise a retry. */
export interface BookingActionRequest {
  actionId: string;
  bookingId: string;
}

export interface Provider {
  readonly connectionId: string;
  readonly source: SourceSystem;
  readonly capabilities: ProviderCapabilities;
  /** Sessions starting inside the window, with their rosters and the members on them. */
  fetchWindow(window: SyncWindow): Promise<ProviderFetch>;
  findMemberByBarcode(barcode: string): Promise<Member | undefined>;
  checkIn(request: BookingActionRequest): Promise<Booking>;
  undoCheckIn(request: BookingActionRequest): Promise<Booking>;
  cancelBooking(request: BookingActionRequest): Promise<Booking>;
}
