/**
 * What the desk says when it validates a Wellhub visit at the door
 * (POST /access/v1/validate). Wellhub answers a refusal with 400/404 and
 * `errors: [{message, key}]`; the keys below are those its documents and
 * sandbox show. Both spellings of "canceled" occur in the wild.
 */

export interface VisitAnswer {
  valid: boolean;
  message: string;
}

const cancelled: VisitAnswer = {
  valid: false,
  message: 'The member cancelled this check-in in the Wellhub app. Ask them to check in again in the app, then validate.',
};

export const visitAnswersByKey: Readonly<Record<string, VisitAnswer>> = {
  'checkin.validation.notfound': {
    valid: false,
    message: 'Wellhub has no check-in from this member at this gym. Ask them to check in with the Wellhub app first, then validate again.',
  },
  'checkin.validation.canceled': cancelled,
  'checkin.validation.cancelled': cancelled,
  'checkin.validation.expired': {
    valid: false,
    message: 'This Wellhub check-in has expired: it must be validated within about 20 minutes. Ask the member to check in again in the app.',
  },
  // One visit a day counts; a second validation (or a retry of ours) finds it done.
  'checkin.already.validated': {
    valid: true,
    message: 'This Wellhub visit was already validated today, so the member may go in.',
  },
};

/** The plain-words answer for a Wellhub error key; unknown keys keep Wellhub's own words. */
export function visitAnswerFor(key: string | undefined, providerMessage: string | undefined): VisitAnswer {
  const known = key ? visitAnswersByKey[key] : undefined;
  if (known) return known;
  const said = providerMessage?.trim();
  return { valid: false, message: said ? `Wellhub did not validate this visit: ${said}` : 'Wellhub did not validate this visit.' };
}

export const WELLHUB_ID_DIGITS = 13;

export const wrongWellhubIdMessage =
  'A Wellhub ID has 13 digits. The member finds it in the Wellhub app, at the top of their profile.';

/** The 13-digit Wellhub ID from what was typed or scanned (spaces and dashes allowed), or undefined. */
export function wellhubIdFrom(input: string): string | undefined {
  const digits = input.trim().replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${WELLHUB_ID_DIGITS}}$`).test(digits) ? digits : undefined;
}

export function validatedMessage(product: string | undefined): string {
  const what = product?.trim();
  return what ? `Wellhub visit validated (${what}). The member may go in.` : 'Wellhub visit validated. The member may go in.';
}
