import { defaultWellhubReason, wellhubReasonCategories, type WellhubReasonCategory } from '../../../../src-shared/relay-wire';

/** Wellhub's reason categories for turning down a booking request, as the core accepts them (the words live in en.ts). */
export const rejectionReasons = wellhubReasonCategories;
export type RejectionReason = WellhubReasonCategory;

/** The core's own choice when none is given: it claims nothing untrue. */
export const defaultRejectionReason: RejectionReason = defaultWellhubReason;
