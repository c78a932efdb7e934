import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Booking, Location, Member, Session } from '../../../../src-shared/domain';
import { localDayBounds, type LocalDay } from '../../data/local-day';
import { useDb } from '../../desk/desk-context';
import { useBookingActions } from '../../desk/use-booking-actions';
import { formatClockTime } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import { useDeskStore } from '../../store';

interface Props {
  member: Member;
  location: Location;
  today: LocalDay;
  onDone(): void;
}

interface TodayBooking {
  booking: Booking;
  session: Session;
}

/** A member found by name: their bookings today at this location, each with the action that fits. */
export function MemberBookings({ member, location, today, onDone }: Props) {
  const { t } = useTranslation();
  const db = useDb();
  const tellCheckIn = useDeskStore((state) => state.tellCheckIn);
  const run = useBookingActions(tellCheckIn, location);
  const name = memberName(t, member);

  const bookings = useLiveQuery(async (): Promise<TodayBooking[]> => {
    const { fromUtc, toUtc } = localDayBounds(today, location.timeZone);
    const all = await db.bookings.where('memberId').equals(member.id).toArray();
    const sessions = await db.sessions.bulkGet(all.map((booking) => booking.sessionId));
    return all
      .flatMap((booking, index) => {
        const session = sessions[index];
        if (!session || session.locationId !== location.id) return [];
        const startsMs = Date.parse(session.startsAt);
        return startsMs >= Date.parse(fromUtc) && startsMs < Date.parse(toUtc) ? [{ booking, session }] : [];
      })
      .sort((a, b) => Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt));
  }, [db, member.id, location.id, location.timeZone, today]);

  async function act(kind: 'check_in' | 'undo_check_in', booking: Booking): Promise<void> {
    await run(kind, booking, name);
    onDone();
  }

  return (
    <section className="member-bookings" aria-labelledby="member-bookings-heading" data-testid="member-bookings">
      <h2 id="member-bookings-heading">{t('checkIn.bookingsToday', { name })}</h2>
      {bookings && bookings.length === 0 && <p>{t('checkIn.noBookingsToday', { name })}</p>}
      {bookings && bookings.length > 0 && (
        <ul>
          {bookings.map(({ booking, session }) => {
            const words = { title: session.title, time: formatClockTime(session.startsAt, location) };
            return (
              <li key={booking.id} className="member-booking" data-booking-id={booking.id} data-status={booking.status}>
                <span className="session-time">{words.time}</span>
                <span className="session-title">{session.title}</span>
                <span className="booking-status">{t(`common.bookingStatus.${booking.status}`)}</span>
                {booking.status === 'booked' && (
                  <button
                    type="button"
                    className="primary"
                    aria-label={t('checkIn.checkInTo', words)}
                    onClick={() => void act('check_in', booking)}
                  >
                    {t('roster.checkIn')}
                  </button>
                )}
                {booking.status === 'checked_in' && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('checkIn.undoCheckInFrom', words)}
                    onClick={() => void act('undo_check_in', booking)}
                  >
                    {t('roster.undoCheckIn')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="secondary" onClick={onDone}>
        {t('checkIn.close')}
      </button>
    </section>
  );
}
