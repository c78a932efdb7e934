import type { TFunction } from 'i18next';
import type { DeskAction, Location, Member, Session } from '../../../../src-shared/domain';
import { formatDateTime, type GymPlace } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import type { ActivityFilter } from '../../store';
import { rejectionReasons, type RejectionReason } from '../roster/rejection-reasons';
import { wordMessage } from '../../i18n/message-words';

export interface ActivityLookups {
  members: ReadonlyMap<string, Member>;
  sessions: ReadonlyMap<string, Session>;
  locations: ReadonlyMap<string, Location>;
}

/** The columns the screen shows and the CSV carries, in order. */
export const activityColumns = ['time', 'what', 'who', 'session', 'state', 'reason', 'result'] as const;
export type ActivityColumn = (typeof activityColumns)[number];

/** One desk action as words, exactly as shown and exported. */
export type ActivityRow = { action: DeskAction } & Record<ActivityColumn, string>;

const isRejectionReason = (reason: string): reason is RejectionReason =>
  (rejectionReasons as readonly string[]).includes(reason);

function reasonWords(t: TFunction, action: DeskAction): string {
  if (!action.reason) return '';
  if (action.kind === 'reject_booking_request' && isRejectionReason(action.reason)) return t(`reject.reasons.${action.reason}`);
  return action.reason;
}

function whoWords(t: TFunction, action: DeskAction, member: Member | undefined): string {
  if (action.visitorId) return t('activity.wellhubId', { visitorId: action.visitorId });
  if (member) return memberName(t, member);
  return action.memberId ? t('common.unknownMember') : '';
}

/** Newest first; each action told in the gym's words and at the gym's local time. */
export function activityRows(t: TFunction, actions: readonly DeskAction[], lookups: ActivityLookups, fallback: GymPlace): ActivityRow[] {
  return [...actions]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id))
    .map((action) => {
      const session = action.sessionId ? lookups.sessions.get(action.sessionId) : undefined;
      const place = (session && lookups.locations.get(session.locationId)) ?? fallback;
      return {
        action,
        time: formatDateTime(action.createdAt, place),
        what: t(`actions.kind.${action.kind}`),
        who: whoWords(t, action, action.memberId ? lookups.members.get(action.memberId) : undefined),
        session: session ? t('activity.sessionAt', { title: session.title, time: formatDateTime(session.startsAt, place) }) : '',
        state: t(`actions.state.${action.state}`),
        reason: reasonWords(t, action),
        result: wordMessage(t, action.error ?? action.outcome, { place, saidAtMs: Date.parse(action.updatedAt) }),
      };
    });
}

/** The rows the filters let through; every word of the free text must appear somewhere in the row. */
export function filterActivity(rows: readonly ActivityRow[], filter: ActivityFilter): ActivityRow[] {
  const words = filter.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.state !== 'all' && row.action.state !== filter.state) return false;
    if (filter.kind !== 'all' && row.action.kind !== filter.kind) return false;
    const haystack = activityColumns.map((column) => row[column]).join(' ').toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The table as the CSV carries it: a header row, then one row per action. */
export function activityTable(t: TFunction, rows: readonly ActivityRow[]): string[][] {
  return [activityColumns.map((column) => t(`activity.column.${column}`)), ...rows.map((row) => activityColumns.map((column) => row[column]))];
}
