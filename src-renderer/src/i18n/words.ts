import type { TFunction } from 'i18next';
import type { Member } from '../../../src-shared/domain';
import { deskErrorCode } from '../desk/desk-error';
import type { DeskMessage } from '../store';

/** A member as the desk says their name; the order of first and last name is the language's. */
export function memberName(t: TFunction, member: Pick<Member, 'firstName' | 'lastName'> | undefined): string {
  if (!member) return t('common.unknownMember');
  return t('common.memberName', { firstName: member.firstName, lastName: member.lastName });
}

/** Any failure of a desk call, in words a receptionist can act on. */
export function describeDeskError(t: TFunction, error: unknown): string {
  return t(`errors.${deskErrorCode(error)}`);
}

/** A failure as a message; one that only says the desk is offline leaves when it is back. */
export function errorMessage(text: string, error: unknown): DeskMessage {
  return deskErrorCode(error) === 'offline' ? { tone: 'error', text, until: 'online' } : { tone: 'error', text };
}
