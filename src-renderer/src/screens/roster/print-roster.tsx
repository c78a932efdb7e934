import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Location, Session } from '../../../../src-shared/domain';
import { localDayOf } from '../../data/local-day';
import { useDeskNow } from '../../data/use-desk-now';
import { formatClockTime, formatLocalDay, formatTimeRange } from '../../i18n/gym-time';
import { memberName } from '../../i18n/words';
import { groupRoster, type RosterEntry } from './roster-groups';
import './print-roster.css';

interface Props {
  session: Session;
  location: Location;
  instructorName: string | undefined;
  roster: RosterEntry[] | undefined;
}

/** Lines left empty for people who come without a booking, as on the outage kit. */
const walkInLines = 3;
/** Not on the class any more: the paper leaves them off, as the outage kit does. */
const offThePaper = new Set(['cancelled', 'rejected']);

/**
 * The open class as paper: what the print stylesheet shows instead of the desk when reception
 * prints (the "Print roster" button or Ctrl+P). It sits at the end of <body>, hidden on screen, so
 * the print layout never depends on how the desk's panels are laid out.
 */
export function PrintRoster({ session, location, instructorName, roster }: Props) {
  const { t } = useTranslation();
  const nowMs = useDeskNow();
  const rows = groupRoster(roster ?? [])
    .filter((group) => !offThePaper.has(group.status))
    .flatMap((group) => group.entries);
  const meta = [
    formatTimeRange(session.startsAt, session.endsAt, location),
    session.room ? t('paper.room', { room: session.room }) : undefined,
    instructorName ? t('paper.instructor', { name: instructorName }) : undefined,
  ].filter(Boolean);
  return createPortal(
    // hidden: not part of the screen (nor of what a screen reader reads there); print shows it alone.
    <div className="print-roster" data-testid="print-roster" hidden>
      <p className="print-place">{t('paper.place', { location: location.name, day: formatLocalDay(localDayOf(Date.parse(session.startsAt), location.timeZone), location) })}</p>
      <h1>{session.title}</h1>
      <p className="print-meta" data-testid="print-meta">
        {meta.join('   ·   ')}
      </p>
      <p className="print-counts">{t('roster.bookedOfCapacity', { booked: session.booked, capacity: session.capacity })}</p>
      {session.status === 'cancelled' && <p className="print-cancelled">{t('roster.cancelledSession')}</p>}
      <table>
        <thead>
          <tr>
            <th className="print-box-column">{t('paper.here')}</th>
            <th>{t('paper.name')}</th>
            <th>{t('paper.memberNumber')}</th>
            <th>{t('paper.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ booking, member }) => (
            <tr key={booking.id} data-testid="print-row" data-status={booking.status}>
              <td className="print-box-column">
                <span className={`print-box${booking.status === 'checked_in' ? ' is-ticked' : ''}`} />
              </td>
              <td>{memberName(t, member)}</td>
              <td>{member?.memberNumber ?? ''}</td>
              <td>
                {booking.status === 'waitlisted' && booking.waitlistPosition !== undefined
                  ? t('roster.waitlistPosition', { position: booking.waitlistPosition })
                  : t(`common.bookingStatus.${booking.status}`)}
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td />
              <td colSpan={3}>{t('paper.nobodyBooked')}</td>
            </tr>
          )}
          <tr className="print-walk-ins">
            <th colSpan={4}>{t('paper.walkIns')}</th>
          </tr>
          {Array.from({ length: walkInLines }, (_, line) => (
            <tr key={`walk-in-${line}`} data-testid="print-walk-in">
              <td className="print-box-column">
                <span className="print-box" />
              </td>
              <td colSpan={3} />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="print-footer">{t('paper.printedAt', { time: formatClockTime(new Date(nowMs).toISOString(), location) })}</p>
    </div>,
    document.body,
  );
}
