import { z } from 'zod';

/**
 * What the Sport Alliance Open API (Magicline 1.11.1 spec, shared by PerfectGym
 * Next) sends, as far as the desk uses it. Fields the desk needs to place a
 * record are required; the rest are optional so that one odd field never costs
 * a whole record. Every list is validated record by record, not as a whole.
 */

const providerId = z.number().int().nonnegative();
const count = z.number().int().nonnegative();
const text = z.string();

/** `ErrorResponse`: every 4xx/5xx body. */
export const WireError = z.object({
  errorMessage: text.optional(),
  errorCode: text.optional(),
  traceId: text.optional(),
  reference: text.optional(),
});

/** `…SlicedResult`: `offset` is opaque, sent back as is to get the next slice. */
export const WireSlice = z.object({
  result: z.array(z.unknown()),
  hasNext: z.boolean(),
  offset: z.union([text, z.number()]).nullish(),
});

export const WireCancelTerm = z.object({ value: z.number(), unit: text });

/** `Class`: a kind of class the studio offers. */
export const WireClass = z.object({
  id: providerId,
  title: text.optional(),
  category: text.optional(),
  description: text.optional(),
  duration: z.number().int().positive().optional(),
  bookable: z.boolean().optional(),
  cancelCondition: z
    .object({ cancelationAfterLatestPossible: z.boolean().optional(), latestCancelTerm: WireCancelTerm.optional() })
    .optional(),
});
export type WireClass = z.infer<typeof WireClass>;

export const WireInstructor = z.object({
  id: providerId,
  firstName: text.optional(),
  lastName: text.optional(),
  publicName: text.optional(),
});
export type WireInstructor = z.infer<typeof WireInstructor>;

/** `ClassSlot`: one scheduled class. The spec makes the start optional; without it the desk cannot place it. */
export const WireSlot = z.object({
  id: providerId,
  startDateTime: text,
  endDateTime: text.optional(),
  classInformation: z.object({ id: providerId, title: text.optional() }),
  instructors: z.array(WireInstructor).optional(),
  /** A room in the studio, not the studio itself. */
  location: z.object({ id: providerId, name: text.optional() }).optional(),
  earliestBookingDateTime: text.optional(),
  latestBookingDateTime: text.optional(),
  maxParticipants: count.optional(),
  maxWaitingListParticipants: count.optional(),
  bookedParticipants: count.optional(),
  additionalParticipants: count.optional(),
  waitingListParticipants: count.optional(),
});
export type WireSlot = z.infer<typeof WireSlot>;

export const WireBookingStatus = z.enum(['BOOKED', 'BOOKED_WITH_CONFIRMATION_REQUIRED', 'WAITING_LIST', 'CANCELED']);

/** `ClassSlotBookingResult`: a booking, as booked, fetched by id or listed by customer. */
export const WireBooking = z.object({
  bookingId: providerId,
  bookingStatus: WireBookingStatus,
  classSlotId: providerId,
  classId: providerId,
  customerId: providerId,
  classSlotStatus: text.optional(),
  participantStatus: text.optional(),
});
export type WireBooking = z.infer<typeof WireBooking>;

/** `ClassSlotBookingValidationResult`: kept as text so a status added later still reads. */
export const WireValidation = z.object({ validationStatus: text });

/** `Customer`: a member; the desk cannot show one without a name. */
export const WireCustomer = z.object({
  id: providerId,
  customerNumber: text.optional(),
  firstName: text.trim().min(1),
  lastName: text.trim().min(1),
  email: text.optional(),
  phonePrivate: text.optional(),
  phonePrivateMobile: text.optional(),
  phoneBusiness: text.optional(),
  phoneBusinessMobile: text.optional(),
  status: text.optional(),
  cardNumbers: z.array(text).optional(),
  accessMediums: z.array(z.object({ type: text.optional(), value: text.optional() })).optional(),
});
export type WireCustomer = z.infer<typeof WireCustomer>;

/** `StudioInformation`: the studio the API key belongs to. It carries no time zone. */
export const WireStudio = z.object({
  studioId: providerId,
  name: text.optional(),
  countryCode: text.optional(),
});
export type WireStudio = z.infer<typeof WireStudio>;

/** `CustomerCheckin`: one visit to the studio (not to a class). */
export const WireCheckin = z.object({
  checkinId: providerId,
  checkInDateTime: text.optional(),
  checkOutDateTime: text.optional(),
  studioName: text.optional(),
});
export type WireCheckin = z.infer<typeof WireCheckin>;
