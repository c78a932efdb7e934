import type { TFunction } from 'i18next';
import type { CheckInByBarcodeResult } from '../../../../src-shared/contract';
import { formatClockTime, type GymPlace } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import type { DeskMessage } from '../../store';
import { wordMessage } from '../../i18n/message-words';

/** What a scan did, as one sentence for the receptionist (and the member at the counter). */
export function describeCheckIn(
  t: TFunction,
  result: CheckInByBarcodeResult,
  barcode: string,
  place: GymPlace,
): DeskMessage {
  switch (result.outcome) {
    case 'check_in': {
      const words = {
        name: memberName(t, result.member),
        title: result.session.title,
        time: formatClockTime(result.session.startsAt, place),
      };
      // The action's state says how it went. Accepted means kept and queued for the booking system: the
      // member may go in, and the desk says it has not reached the system yet.
      if (result.action.state === 'accepted') return { tone: 'success', text: t('checkIn.checkedInQueued', words) };
      if (result.action.state === 'rejected') {
        return {
          tone: 'error',
          text: result.action.error
            ? t('checkIn.rejected', { ...words, reason: wordMessage(t, result.action.error, { place, saidAtMs: Date.parse(result.action.updatedAt) }) })
            : t('checkIn.rejectedNoReason', words),
        };
      }
      return { tone: 'success', text: t('checkIn.checkedIn', words) };
    }
    case 'already_checked_in':
      return {
        tone: 'info',
        text: t('checkIn.alreadyCheckedIn', {
          name: memberName(t, result.member),
          title: result.session.title,
          time: formatClockTime(result.session.startsAt, place),
        }),
      };
    case 'refused':
      // Told before anything was sent: the member's class does not take check-ins yet (or any more).
      return {
        tone: 'warning',
        text: t('checkIn.refused', {
          name: memberName(t, result.member),
          title: result.session.title,
          time: formatClockTime(result.session.startsAt, place),
          // Said about today's class: its times are that day's.
          reason: wordMessage(t, result.reason, { place, saidAtMs: Date.parse(result.session.startsAt) }),
        }),
      };
    case 'no_booking':
      return { tone: 'warning', text: t('checkIn.noBooking', { name: memberName(t, result.member) }) };
    case 'unknown_barcode':
      return { tone: 'warning', text: t('checkIn.unknownBarcode', { barcode }) };
    case 'ambiguous_barcode':
      // Guessing would check in the wrong person; the names let staff ask and search instead.
      return {
        tone: 'warning',
        text: t('checkIn.ambiguousBarcode', {
          barcode,
          names: result.members.map((member) => memberName(t, member)).join(', '),
        }),
      };
  }
}
