import type { Session } from '../../../../src-shared/domain';
import type { Clock } from '../../clock';
import { ProviderError } from '../../provider-error';
import { invalidWellhubAnswer, type WellhubApi } from './wellhub-api';
import { sessionFrom, type WellhubScope } from './wellhub-mapping';
import { gymLocalTime, wellhubInstant } from './wellhub-time';
import { SlotPage, SlotWriteAnswer, WireSlot } from './wellhub-wire';
import { deskMessage, type DeskMessage } from '../../../../src-shared/desk-messages';

/**
 * Puts a class of the gym's main system on Wellhub as a slot, and keeps its
 * numbers current. Wellhub only learns about the gym's classes this way; the
 * sync engine decides which Wellhub class (and product) a session belongs to.
 */

export interface SlotTarget {
  /** The Wellhub class the slot belongs to (created once by the gym or Wellhub). */
  classId: number;
  /** The Wellhub product (activity) of the class; see GET /setup/v1/gyms/:gym_id/products. */
  productId: number;
  /** The slot already published for this session: updated (PUT) instead of created. */
  slotId?: number;
  /** Wellhub wants instructor names; the session only carries our instructor id. */
  instructors?: { name: string; substitute?: boolean }[];
  virtual?: boolean;
  virtualClassUrl?: string;
}

export interface PublishedSlot {
  classId: number;
  slotId: number;
  /** False when the slot existed already (updated, or found after Wellhub said it was a duplicate). */
  created: boolean;
  /** The slot as Wellhub now has it, as a session of this Wellhub connection. */
  session: Session;
}

export interface SlotCounts {
  totalBooked?: number;
  totalCapacity?: number;
}

/** The documented limits of a slot. */
const MAX_MINUTES = 200;
const MAX_PLACES = 32_000;

export function slotBodyFrom(session: Session, target: SlotTarget, gymZone: string, nowMs: number): Record<string, unknown> {
  const startMs = Date.parse(session.startsAt);
  if (startMs <= nowMs) refuse({ code: 'wellhub_class_started' });
  const minutes = Math.round((Date.parse(session.endsAt) - startMs) / 60_000);
  if (minutes < 1 || minutes > MAX_MINUTES) refuse(deskMessage('wellhub_class_length', { maxMinutes: MAX_MINUTES, minutes }));
  const capacity = Math.min(session.capacity, MAX_PLACES);
  const local = (utc: string) => gymLocalTime(utc, gymZone);
  const room = session.room?.trim();
  const opens = session.bookingOpensAt && session.bookingOpensAt < session.startsAt ? session.bookingOpensAt : undefined;
  const closes = session.bookingClosesAt && session.bookingClosesAt <= session.startsAt && (!opens || session.bookingClosesAt > opens) ? session.bookingClosesAt : undefined;
  const cancellable = session.cancellationDeadline && session.cancellationDeadline <= session.startsAt ? session.cancellationDeadline : undefined;
  const instructors = (target.instructors ?? [])
    .map((instructor) => ({ name: instructor.name.trim().slice(0, 100), substitute: instructor.substitute ?? false }))
    .filter((instructor) => instructor.name.length > 0);
  return {
    occur_date: local(session.startsAt),
    ...(room && room.length >= 2 ? { room: room.slice(0, 200) } : {}),
    status: session.status === 'cancelled' ? 0 : 1,
    length_in_minutes: minutes,
    total_capacity: capacity,
    total_booked: Math.min(session.booked, capacity),
    product_id: target.productId,
    ...(opens || closes ? { booking_window: { ...(opens ? { opens_at: local(opens) } : {}), ...(closes ? { closes_at: local(closes) } : {}) } } : {}),
    ...(cancellable ? { cancellable_until: local(cancellable) } : {}),
    ...(instructors.length > 0 ? { instructors } : {}),
    ...(target.virtual === undefined ? {} : { virtual: target.virtual }),
    ...(target.virtualClassUrl ? { virtual_class_url: target.virtualClassUrl } : {}),
  };
}

export class WellhubSlotPublisher {
  constructor(
    private readonly api: WellhubApi,
    private readonly scope: WellhubScope,
    private readonly clock: Clock,
  ) {}

  private slotsPath(classId: number): string {
    return `/booking/v1/gyms/${encodeURIComponent(this.scope.gymId)}/classes/${classId}/slots`;
  }

  async publish(session: Session, target: SlotTarget): Promise<PublishedSlot> {
    const body = slotBodyFrom(session, target, this.scope.gymZone, this.clock().getTime());
    if (target.slotId !== undefined) return this.put(session, target.classId, target.slotId, body, false);
    try {
      // Creating is not idempotent: ProviderHttp resends it only when Wellhub surely never got it.
      const answer = await this.api.call('POST', this.slotsPath(target.classId), { body });
      return this.published(answer.body, session, target.classId, true);
    } catch (error) {
      if (!(error instanceof ProviderError) || error.detail.status !== 409) throw this.reword(error);
      // Same class, time and room exist already (perhaps our own earlier try): update that one.
      const existing = await this.findSlot(target.classId, String(body.occur_date), body.room as string | undefined);
      if (existing === undefined) throw this.reword(error);
      return this.put(session, target.classId, existing, body, false);
    }
  }

  /** PATCH total_booked / total_capacity: Wellhub asks partners to do this whenever the numbers move. */
  async updateCounts(classId: number, slotId: number, counts: SlotCounts): Promise<void> {
    const { totalBooked, totalCapacity } = counts;
    if (totalBooked === undefined && totalCapacity === undefined) refuse({ code: 'wellhub_slot_nothing_to_update' });
    for (const value of [totalBooked, totalCapacity]) {
      if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > MAX_PLACES)) refuse(deskMessage('wellhub_places_out_of_range', { max: MAX_PLACES, value }));
    }
    if (totalBooked !== undefined && totalCapacity !== undefined && totalBooked > totalCapacity) {
      refuse({ code: 'wellhub_overbooked' });
    }
    const body = { ...(totalBooked === undefined ? {} : { total_booked: totalBooked }), ...(totalCapacity === undefined ? {} : { total_capacity: totalCapacity }) };
    try {
      // Setting two numbers twice is harmless, so a lost answer may be retried.
      await this.api.call('PATCH', `${this.slotsPath(classId)}/${slotId}`, { body, idempotent: true });
    } catch (error) {
      throw this.reword(error);
    }
  }

  private async put(session: Session, classId: number, slotId: number, body: Record<string, unknown>, created: boolean): Promise<PublishedSlot> {
    try {
      const answer = await this.api.call('PUT', `${this.slotsPath(classId)}/${slotId}`, { body });
      return this.published(answer.body, session, classId, created);
    } catch (error) {
      throw this.reword(error);
    }
  }

  private published(body: unknown, session: Session, classId: number, created: boolean): PublishedSlot {
    const answer = SlotWriteAnswer.safeParse(body);
    const slot = answer.success ? WireSlot.safeParse(answer.data.results[0]) : undefined;
    if (!slot?.success) throw invalidWellhubAnswer('an answer about the slot');
    const mapped = sessionFrom(slot.data, { id: classId, name: session.title }, this.scope);
    if (!mapped.ok) throw invalidWellhubAnswer('an answer about the slot', mapped.message);
    return { classId, slotId: slot.data.id, created, session: mapped.session };
  }

  private async findSlot(classId: number, occurDate: string, room: string | undefined): Promise<number | undefined> {
    const answer = SlotPage.safeParse(await this.api.get(this.slotsPath(classId), { from: occurDate, to: occurDate }));
    if (!answer.success) return undefined;
    const wanted = instantMs(occurDate, this.scope.gymZone);
    for (const raw of answer.data.results) {
      const slot = WireSlot.safeParse(raw);
      if (!slot.success) continue;
      const sameRoom = (slot.data.room ?? undefined) === room;
      if (sameRoom && instantMs(slot.data.occur_date, this.scope.gymZone) === wanted) return slot.data.id;
    }
    return undefined;
  }

  private reword(error: unknown): unknown {
    if (!(error instanceof ProviderError)) return error;
    const said = error.detail.providerMessage;
    if (error.detail.status === 422) {
      return new ProviderError(deskMessage('class_product_refused', { detail: said }), false, error.code, error.detail);
    }
    if (error.code === 'not_found') {
      return new ProviderError(deskMessage('class_not_known', { provider: 'Wellhub', detail: said }), false, 'not_found', error.detail);
    }
    if (error.detail.status === 400 || error.detail.status === 409) {
      return new ProviderError(deskMessage('class_refused', { detail: said }), false, error.code, error.detail);
    }
    return error;
  }
}

/** Milliseconds of a Wellhub time, NaN when unreadable (never equal to anything). */
function instantMs(text: string, zone: string): number {
  return Date.parse(wellhubInstant(text, zone) ?? '');
}

function refuse(said: DeskMessage): never {
  throw new ProviderError(said, false, 'invalid_input');
}
