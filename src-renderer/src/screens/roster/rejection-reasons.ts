/**
 * Wellhub's reason categories for turning down a booking request, as the core
 * accepts them (copied from its Wellhub provider; the words live in en.ts).
 */
export const rejectionReasons = [
  'CLASS_IS_FULL',
  'USAGE_RESTRICTION',
  'USER_IS_ALREADY_BOOKED',
  'SPOT_NOT_AVAILABLE',
  'USER_DOES_NOT_EXIST',
  'CHECK_IN_AND_CANCELATION_WINDOWS_CLOSED',
  'CLASS_HAS_BEEN_CANCELED',
  'CLASS_NOT_FOUND',
  'USER_PROFILE_CMS',
  'PREREQUISITES',
  'GENERAL_ERROR',
  'TECHNICAL_ERROR',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

/** The core's own choice when none is given: it claims nothing untrue. */
export const defaultRejectionReason: RejectionReason = 'GENERAL_ERROR';
