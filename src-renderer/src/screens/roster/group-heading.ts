import type { TFunction } from 'i18next';
import type { RosterGroup } from './roster-groups';

/** "Booked (12, 5 checked in)", "Waitlisted (2)": how many, and for the expected, how many are in. */
export function groupHeading(t: TFunction, group: RosterGroup): string {
  const status = t(`common.bookingStatus.${group.status}`);
  const count = group.entries.length;
  if (group.status !== 'booked') return t('roster.groupHeading', { status, count });
  const checkedIn = group.entries.filter((entry) => entry.booking.status === 'checked_in').length;
  return t('roster.expectedHeading', { status, count, checkedIn });
}
