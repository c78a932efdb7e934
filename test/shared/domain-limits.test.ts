import { describe, expect, it } from 'vitest';
import { ClassType, Instructor, Location, Member, Session, textLimits } from '../../src-shared/domain';

const long = (n: number) => 'x'.repeat(n);
const member = { id: 'm1', connectionId: 'c', firstName: 'Ada', lastName: 'Lovelace', memberNumber: '1001', barcode: '4000001' };
const session = {
  id: 's1',
  connectionId: 'c',
  locationId: 'l1',
  classTypeId: 't1',
  title: 'Yoga',
  room: 'Studio 1',
  startsAt: '2026-11-23T09:00:00.000Z',
  endsAt: '2026-11-23T10:00:00.000Z',
  capacity: 10,
  booked: 0,
  waitlisted: 0,
  status: 'scheduled',
};

describe('string caps in the domain', () => {
  it('takes every field at its cap and refuses one character more', () => {
    const cases: [string, (text: string) => boolean, number][] = [
      ['id', (text) => Member.safeParse({ ...member, id: text }).success, textLimits.id],
      ['first name', (text) => Member.safeParse({ ...member, firstName: text }).success, textLimits.name],
      ['last name', (text) => Member.safeParse({ ...member, lastName: text }).success, textLimits.name],
      ['member number', (text) => Member.safeParse({ ...member, memberNumber: text }).success, textLimits.code],
      ['barcode', (text) => Member.safeParse({ ...member, barcode: text }).success, textLimits.code],
      ['email', (text) => Member.safeParse({ ...member, email: text }).success, textLimits.contact],
      ['phone', (text) => Member.safeParse({ ...member, phone: text }).success, textLimits.contact],
      ['class title', (text) => Session.safeParse({ ...session, title: text }).success, textLimits.name],
      ['room', (text) => Session.safeParse({ ...session, room: text }).success, textLimits.name],
      ['session id', (text) => Session.safeParse({ ...session, id: text }).success, textLimits.id],
      ['instructor', (text) => Instructor.safeParse({ id: 'i', connectionId: 'c', name: text }).success, textLimits.name],
      ['class type', (text) => ClassType.safeParse({ id: 't', connectionId: 'c', name: text }).success, textLimits.name],
      [
        'class description',
        (text) => ClassType.safeParse({ id: 't', connectionId: 'c', name: 'Yoga', description: text }).success,
        textLimits.note,
      ],
      [
        'location name',
        (text) => Location.safeParse({ id: 'l', connectionId: 'c', name: text, timeZone: 'UTC', locale: 'en' }).success,
        textLimits.name,
      ],
    ];
    for (const [field, fits, cap] of cases) {
      expect(fits(long(cap)), `${field} at ${cap}`).toBe(true);
      expect(fits(long(cap + 1)), `${field} at ${cap + 1}`).toBe(false);
    }
  });

  it('keeps the caps sensible: names and ids 200, notes 2000', () => {
    expect(textLimits).toMatchObject({ id: 200, name: 200, note: 2000 });
  });
});
