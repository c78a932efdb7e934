import type { TFunction } from 'i18next';
import { actionSpan, type Misfit } from '../../../../src-shared/desk-action-rules';
import type { Location } from '../../../../src-shared/domain';
import { bookingActionOf, type ActionScene, type BookingActionKind } from '../../desk/desk-action-registry';
import { formatClockTime, placeOrThisPc } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import type { RosterEntry } from './roster-groups';

interface Misfitting {
  kind: BookingActionKind;
  misfit: Misfit;
  entry: RosterEntry;
  scene: ActionScene;
  location: Location | undefined;
}

/**
 * Why a shortcut did nothing, in the desk's words: the row offers no such
 * button, and a key pressed anyway deserves the real reason (and, for time,
 * when it will or did work), not silence.
 */
export function misfitWords(t: TFunction, { kind, misfit, entry, scene, location }: Misfitting): string {
  const action = t(`actions.kind.${kind}`);
  const name = memberName(t, entry.member);
  const { time } = bookingActionOf(kind).rule;
  const span = actionSpan(time, scene.session, scene.capabilities);
  const at = (ms: number) => formatClockTime(new Date(ms).toISOString(), placeOrThisPc(location));
  switch (misfit) {
    case 'status':
      return t('roster.notPossible', { action, name, status: t(`common.bookingStatus.${entry.booking.status}`) });
    case 'capability':
      return t('roster.misfit.capability', { action });
    case 'class_cancelled':
      return t('roster.misfit.class_cancelled', { action });
    case 'too_early':
      if (time === 'check_in_window') return t('roster.misfit.too_early_check_in', { name, time: at(span.from) });
      if (time === 'after_end') return t('roster.misfit.too_early_after_end', { action, name, time: at(span.from) });
      return t('roster.misfit.too_early', { action });
    case 'request_lapsed':
      return t('roster.misfit.request_lapsed', { action, name });
    case 'too_late':
      if (time === 'before_start') return t('roster.misfit.too_late_before_start', { action });
      if (time === 'check_in_window') return t('roster.misfit.too_late_check_in', { time: at(span.until) });
      return t('roster.misfit.too_late', { action });
  }
}
