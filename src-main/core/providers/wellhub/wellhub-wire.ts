import { z } from 'zod';

/**
 * What Wellhub sends, as its documents show it (Booking API, Access Control API,
 * webhooks). Envelopes are checked strictly enough to know the answer is the
 * right kind; each record inside is checked on its own, so one odd record never
 * costs the rest.
 */

const wellhubId = z.number().int().nonnegative();
const text = z.string();

export const WireCategory = z.object({ id: wellhubId, name: text, locale: text.optional() });

export const WireClass = z.object({
  id: wellhubId,
  name: text.trim().min(1).max(255),
  slug: text.nullish(),
  description: text.nullish(),
  notes: text.nullish(),
  bookable: z.boolean().nullish(),
  visible: z.boolean().nullish(),
  product_id: wellhubId.nullish(),
  gym_id: wellhubId.nullish(),
  reference: text.nullish(),
  created_at: text.nullish(),
  categories: z.array(WireCategory).nullish(),
});
export type WireClass = z.infer<typeof WireClass>;

/** GET /booking/v1/gyms/:gym_id/classes — not paged in the documents. */
export const ClassesEnvelope = z.object({ classes: z.array(z.unknown()) });

export const WireInstructor = z.object({ name: text.trim().min(1).max(100), substitute: z.boolean().nullish() });

export const WireSlot = z.object({
  id: wellhubId,
  class_id: wellhubId,
  occur_date: text.min(1),
  /** 1 active, 0 inactive (documented default 1). */
  status: z.union([z.literal(0), z.literal(1)]).nullish(),
  room: text.nullish(),
  length_in_minutes: z.number().int().min(1).max(24 * 60),
  total_capacity: z.number().int().nonnegative(),
  total_booked: z.number().int().nonnegative(),
  product_id: wellhubId.nullish(),
  booking_window: z.object({ opens_at: text.nullish(), closes_at: text.nullish() }).nullish(),
  cancellable_until: text.nullish(),
  instructors: z.array(WireInstructor).nullish(),
  rating: z.number().nullish(),
  virtual: z.boolean().nullish(),
  virtual_class_url: text.nullish(),
});
export type WireSlot = z.infer<typeof WireSlot>;

/** GET …/classes/:class_id/slots — `metadata` carries the page; the query parameter for the page is not documented. */
export const SlotPage = z.object({
  metadata: z
    .object({
      page: z.number().int().positive().nullish(),
      page_size: z.number().int().positive().nullish(),
      total_elements: z.number().int().nonnegative().nullish(),
      total: z.number().int().nonnegative().nullish(),
      errors: z.number().int().nonnegative().nullish(),
    })
    .nullish(),
  results: z.array(z.unknown()),
});

/** POST / PUT of a slot answer with `{metadata, results: [slot]}`. */
export const SlotWriteAnswer = z.object({ results: z.array(z.unknown()).min(1) });

/** Every documented error: `{metadata: {total, errors}, errors: [{message, key}]}`. */
export const WireErrorBody = z.object({
  metadata: z.unknown().optional(),
  errors: z.array(z.object({ message: text.nullish(), key: text.nullish() }).loose()).min(1),
});

const idField = z.union([wellhubId, text]);

/** POST /access/v1/validate, 200. The documents write the ids both as `id` and as `Id`. */
export const ValidateAnswer = z.object({
  results: z
    .object({
      user: z.object({ gympass_id: idField }).loose().nullish(),
      gym: z
        .object({
          id: idField.nullish(),
          Id: idField.nullish(),
          product: z.object({ id: idField.nullish(), Id: idField.nullish(), description: text.nullish() }).loose().nullish(),
        })
        .loose()
        .nullish(),
      validated_at: text.nullish(),
    })
    .loose(),
});
export type ValidateAnswer = z.infer<typeof ValidateAnswer>;

// --- Webhooks -------------------------------------------------------------

/** Epoch milliseconds; some senders stringify it. */
const epochMs = z.union([z.number(), text.regex(/^\d+$/).transform(Number)]);
const userToken = z.union([text.trim().min(1), z.number().int().nonnegative().transform(String)]);

/** `event_data` is checked per event type; events the desk ignores may carry none. */
export const WebhookEnvelope = z.object({ event_type: text.min(1), event_data: z.unknown().optional() });

export const WebhookUser = z
  .object({
    unique_token: userToken,
    name: text.nullish(),
    first_name: text.nullish(),
    last_name: text.nullish(),
    email: text.nullish(),
  })
  .loose();
export type WebhookUser = z.infer<typeof WebhookUser>;

export const WebhookSlot = z
  .object({ id: wellhubId, gym_id: wellhubId, class_id: wellhubId.nullish(), booking_number: text.trim().min(1) })
  .loose();

/** booking-requested, booking-canceled, booking-late-canceled, and (assumed alike) checkin-booking-occurred. */
export const BookingEventData = z
  .object({ user: WebhookUser, slot: WebhookSlot, timestamp: epochMs.nullish(), event_id: text.nullish() })
  .loose();
export type BookingEventData = z.infer<typeof BookingEventData>;

/** checkin (Access Control): the member checked in with the Wellhub app and now waits to be validated. */
export const CheckinEventData = z
  .object({
    user: WebhookUser,
    gym: z
      .object({ id: wellhubId, title: text.nullish(), product: z.object({ id: wellhubId.nullish(), description: text.nullish() }).loose().nullish() })
      .loose(),
    timestamp: epochMs.nullish(),
    event_id: text.nullish(),
  })
  .loose();
export type CheckinEventData = z.infer<typeof CheckinEventData>;

/** PATCH /booking/v2/gyms/:gym_id/bookings/:booking_number */
export const bookingDecisionStatuses = ['RESERVED', 'REJECTED', 'CANCELLED_BY_GYM'] as const;
export type BookingDecisionStatus = (typeof bookingDecisionStatuses)[number];
