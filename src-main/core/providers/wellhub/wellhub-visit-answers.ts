import { deskMessage, type DeskMessage } from '../../../../src-shared/desk-messages';

/**
 * What the desk says when it validates a Wellhub visit at the door
 * (POST /access/v1/validate). Wellhub answers a refusal with 400/404 and
 * `errors: [{message, key}]`; the keys below are those its documents and
 * sandbox show. Both spellings of "canceled" occur in the wild.
 */

export interface VisitAnswer {
  valid: boolean;
  said: DeskMessage;
}

const cancelled: VisitAnswer = { valid: false, said: { code: 'visit_checkin_cancelled' } };

export const visitAnswersByKey: Readonly<Record<string, VisitAnswer>> = {
  'checkin.validation.notfound': { valid: false, said: { code: 'visit_no_checkin' } },
  'checkin.validation.canceled': cancelled,
  'checkin.validation.cancelled': cancelled,
  // Wellhub's check-in must be validated within about 20 minutes.
  'checkin.validation.expired': { valid: false, said: { code: 'visit_checkin_expired' } },
  // One visit a day counts; a second validation (or a retry of ours) finds it done.
  'checkin.already.validated': { valid: true, said: { code: 'visit_already_validated' } },
};

/** The answer for a Wellhub error key; unknown keys keep Wellhub's own words as the detail. */
export function visitAnswerFor(key: string | undefined, providerMessage: string | undefined): VisitAnswer {
  const known = key ? visitAnswersByKey[key] : undefined;
  if (known) return known;
  return { valid: false, said: deskMessage('visit_not_validated', { detail: providerMessage?.trim() || undefined }) };
}

export const WELLHUB_ID_DIGITS = 13;

export const wrongWellhubIdMessage: DeskMessage = { code: 'wellhub_id_wrong' };

/** The 13-digit Wellhub ID from what was typed or scanned (spaces and dashes allowed), or undefined. */
export function wellhubIdFrom(input: string): string | undefined {
  const digits = input.trim().replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${WELLHUB_ID_DIGITS}}$`).test(digits) ? digits : undefined;
}

export function validatedMessage(product: string | undefined): DeskMessage {
  return deskMessage('visit_validated', { product: product?.trim() || undefined });
}
