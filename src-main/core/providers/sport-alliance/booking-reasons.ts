/**
 * Why Magicline / PerfectGym will not let a member book a class, in words a
 * receptionist can say at the counter. The keys are the spec's
 * `ClassSlotBookingValidationResult.validationStatus` values.
 */
const reasons: Record<string, string> = {
  NO_CONTINGENT: "The member's membership has no class credits (contingent) left for this class.",
  BOOKING_LIMIT_REACHED: 'The class and its waiting list are full.',
  CUSTOMER_ALREADY_BOOKED: 'The member is already booked into this class.',
  CUSTOMER_IDLE: "The member's membership is paused (idle period) on the day of this class.",
  CUSTOMER_IN_OTHER_BOOKING: 'The member has another booking at the same time.',
  DISPLAY_ONLY: 'This class is shown for information only and cannot be booked.',
  DATE_TIME_BEFORE_EARLIEST_BOOKING_DATE_TIME: 'Booking for this class has not opened yet.',
  DATE_TIME_AFTER_LATEST_BOOKING_DATE_TIME: 'Booking for this class has closed.',
  STUDIO_CLOSED: 'The studio is closed at the time of this class.',
};

export const BOOKABLE = 'AVAILABLE';

/** True when `code` is one of the validation statuses (so a refusal carrying it can be explained). */
export function isValidationStatus(code: string | undefined): boolean {
  return code !== undefined && (code === BOOKABLE || code === 'NOT_AVAILABLE' || code in reasons);
}

/** The plain-words reason for a validation status; NOT_AVAILABLE and unknown statuses name the system. */
export function bookingRefusalReason(status: string, providerName: string): string {
  const reason = reasons[status];
  if (reason) return reason;
  if (status === 'NOT_AVAILABLE') return `${providerName} does not allow this booking and gives no reason.`;
  return `${providerName} does not allow this booking (${status}).`;
}
