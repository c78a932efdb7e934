import type { DeskMessage } from '../../../../src-shared/desk-messages';
import { DateTime } from 'luxon';
import type { VisitValidation } from '../provider';
import { wellhubIdFrom, wrongWellhubIdMessage } from '../wellhub/wellhub-visit-answers';
import type { DeskChanges } from './desk-changes';
import { memberIdFor, type MemberIndex } from './members';

/**
 * Wellhub visits at the demo studio's door. Wellhub knows six of the studio's
 * members, always the same ones; their Wellhub ids are `42420000` followed by
 * the member number:
 *
 *   4242000010003  Ida Neumann, M-10003 (Berlin Mitte)
 *   4242000010008  Caleb Greene, M-10008 (Brooklyn)
 *   4242000010021  Greta Vogt, M-10021 (Berlin Mitte)
 *   4242000010042  Samuel Friedman, M-10042 (Brooklyn)
 *   4242000010077  Tobias Müller, M-10077 (Berlin Mitte)
 *   4242000010120  Jamal Lopez, M-10120 (Brooklyn)
 *
 * Any other 13-digit id is unknown to Wellhub. Wellhub counts one visit a day,
 * so validating the same id again on the member's local day is still valid.
 */
export const DEMO_WELLHUB_IDS: readonly string[] = [
  '4242000010003',
  '4242000010008',
  '4242000010021',
  '4242000010042',
  '4242000010077',
  '4242000010120',
];

export const UNKNOWN_VISIT_MESSAGE: DeskMessage = { code: 'visit_no_checkin' };

export interface VisitContext {
  changes: DeskChanges;
  /** A visit counts on the calendar day of the member's home location. */
  members: MemberIndex;
  nowMs: number;
}

export async function validateDemoVisit(input: string, { changes, members, nowMs }: VisitContext): Promise<VisitValidation> {
  const wellhubId = wellhubIdFrom(input);
  if (!wellhubId) return { valid: false, said: wrongWellhubIdMessage };
  const memberId = memberIdFor(Number(wellhubId.slice(8)));
  const member = DEMO_WELLHUB_IDS.includes(wellhubId) ? members.byId.get(memberId) : undefined;
  const home = members.homeOf.get(memberId);
  if (!member || !home) return { valid: false, said: UNKNOWN_VISIT_MESSAGE };
  const who = `${member.firstName} ${member.lastName}`;
  const today = DateTime.fromMillis(nowMs, { zone: home.timeZone }).toISODate() ?? '';
  if (changes.visitValidatedOn(wellhubId) === today) {
    return { valid: true, said: { code: 'visit_already_validated', params: { member: who } }, member };
  }
  await changes.recordVisit(wellhubId, today);
  return { valid: true, said: { code: 'visit_validated', params: { member: who } }, member };
}
