import type { DeskMessage, DeskMessageCode } from '../../../../src-shared/desk-messages';

/**
 * Why Magicline / PerfectGym will not let a member book a class, as the codes
 * the desk words at the counter. The keys are the spec's
 * `ClassSlotBookingValidationResult.validationStatus` values.
 */
const reasons: Record<string, DeskMessageCode> = {
  NO_CONTINGENT: 'no_class_credits',
  BOOKING_LIMIT_REACHED: 'booking_limit_reached',
  CUSTOMER_ALREADY_BOOKED: 'already_booked',
  CUSTOMER_IDLE: 'membership_paused',
  CUSTOMER_IN_OTHER_BOOKING: 'other_booking_same_time',
  DISPLAY_ONLY: 'class_display_only',
  DATE_TIME_BEFORE_EARLIEST_BOOKING_DATE_TIME: 'booking_not_open_yet',
  DATE_TIME_AFTER_LATEST_BOOKING_DATE_TIME: 'booking_closed',
  STUDIO_CLOSED: 'studio_closed',
};

export const BOOKABLE = 'AVAILABLE';

/** True when `code` is one of the validation statuses (so a refusal carrying it can be explained). */
export function isValidationStatus(code: string | undefined): boolean {
  return code !== undefined && (code === BOOKABLE || code === 'NOT_AVAILABLE' || code in reasons);
}

/** The reason for a validation status; NOT_AVAILABLE and unknown statuses name the system (and the status). */
export function bookingRefusalReason(status: string, providerName: string): DeskMessage {
  const reason = reasons[status];
  if (reason) return { code: reason };
  if (status === 'NOT_AVAILABLE') return { code: 'booking_not_allowed', params: { provider: providerName } };
  return { code: 'booking_not_allowed', params: { provider: providerName, status: status.slice(0, 100) } };
}
