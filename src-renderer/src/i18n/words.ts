import type { TFunction } from 'i18next';
import type { Member } from '../../../src-shared/domain';
import { deskErrorCode } from '../desk/desk-error';

/** A member as the desk says their name; the order of first and last name is the language's. */
export function memberName(t: TFunction, member: Pick<Member, 'firstName' | 'lastName'> | undefined): string {
  if (!member) return t('common.unknownMember');
  return t('common.memberName', { firstName: member.firstName, lastName: member.lastName });
}

/** Any failure of a desk call, in words a receptionist can act on. */
export function describeDeskError(t: TFunction, error: unknown): string {
  return t(`errors.${deskErrorCode(error)}`);
}
