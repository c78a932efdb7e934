import type { BookingStatus } from '../../../src-shared/domain';
import type { DeskLanguage } from '../../../src-shared/settings';

/** The words printed on the outage kit. The core writes it without a renderer, so it keeps its own. */
export interface PaperWords {
  title: string;
  noClasses: string;
  continued: string;
  cancelled: string;
  rosterUnread: string;
  instructor: string;
  room: string;
  booked: (booked: number, capacity: number) => string;
  waitlist: (count: number) => string;
  name: string;
  memberNumber: string;
  status: string;
  here: string;
  walkIns: string;
  nobodyBooked: string;
  written: (at: string) => string;
  page: (page: number, pages: number) => string;
  statuses: Record<BookingStatus, string>;
  waitlistPlace: (place: number) => string;
}

const english: PaperWords = {
  title: 'Rosters for the day',
  noClasses: 'No classes today at this location.',
  continued: '(continued)',
  cancelled: 'Class cancelled',
  rosterUnread: 'The roster could not be read at the last sync: people may be missing.',
  instructor: 'Instructor',
  room: 'Room',
  booked: (booked, capacity) => `Booked ${booked} of ${capacity}`,
  waitlist: (count) => `${count} on the waitlist`,
  name: 'Name',
  memberNumber: 'Member no.',
  status: 'Status',
  here: 'Here',
  walkIns: 'Walk-ins',
  nobodyBooked: 'Nobody booked.',
  written: (at) => `Printed from Classdesk at ${at}, with what the desk knew then.`,
  page: (page, pages) => `Page ${page} of ${pages}`,
  statuses: {
    booked: 'Booked',
    checked_in: 'Checked in',
    waitlisted: 'Waitlist',
    pending_confirmation: 'Unconfirmed',
    no_show: 'No-show',
    cancelled: 'Cancelled',
    rejected: 'Rejected',
  },
  waitlistPlace: (place) => `Waitlist #${place}`,
};

const german: PaperWords = {
  title: 'Teilnehmerlisten des Tages',
  noClasses: 'Heute keine Kurse an diesem Standort.',
  continued: '(Fortsetzung)',
  cancelled: 'Kurs abgesagt',
  rosterUnread: 'Die Teilnehmerliste war beim letzten Abgleich nicht lesbar: es können Personen fehlen.',
  instructor: 'Trainer/in',
  room: 'Raum',
  booked: (booked, capacity) => `${booked} von ${capacity} gebucht`,
  waitlist: (count) => `${count} auf der Warteliste`,
  name: 'Name',
  memberNumber: 'Mitgl.-Nr.',
  status: 'Status',
  here: 'Da',
  walkIns: 'Ohne Buchung',
  nobodyBooked: 'Niemand gebucht.',
  written: (at) => `Aus Classdesk gedruckt um ${at}, mit dem Stand der Rezeption.`,
  page: (page, pages) => `Seite ${page} von ${pages}`,
  statuses: {
    booked: 'Gebucht',
    checked_in: 'Eingecheckt',
    waitlisted: 'Warteliste',
    pending_confirmation: 'Unbestätigt',
    no_show: 'Nicht erschienen',
    cancelled: 'Storniert',
    rejected: 'Abgelehnt',
  },
  waitlistPlace: (place) => `Warteliste Nr. ${place}`,
};

/** The desk's language; 'system' is the computer's, as the Settings screen says ("Same as the computer"). */
export function paperLanguage(language: DeskLanguage, computerLocale: string = Intl.DateTimeFormat().resolvedOptions().locale): 'en' | 'de' {
  if (language !== 'system') return language;
  return computerLocale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function paperWords(language: 'en' | 'de'): PaperWords {
  return language === 'de' ? german : english;
}
