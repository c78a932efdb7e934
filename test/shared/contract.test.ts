import { describe, expect, it } from 'vitest';
import { commandNames } from '../../src-shared/command-names';
import { ChangeSet, commands, DeskEvent } from '../../src-shared/contract';
import { Booking, Session } from '../../src-shared/domain';

const session = {
  id: 's-1',
  connectionId: 'demo',
  locationId: 'l-1',
  classTypeId: 'yoga',
  title: 'Yoga',
  startsAt: '2026-11-23T09:00:00.000Z',
  endsAt: '2026-11-23T10:00:00.000Z',
  capacity: 20,
  booked: 3,
  waitlisted: 0,
  status: 'scheduled',
};

describe('domain schemas', () => {
  it('accepts a well-formed session', () => {
    expect(Session.parse(session)).toEqual(session);
  });

  it.each([
    ['a local time without zone', { startsAt: '2026-11-23T09:00:00' }],
    ['an offset instead of UTC', { startsAt: '2026-11-23T10:00:00+01:00' }],
    ["Magicline's bracketed zone", { startsAt: '2026-11-23T10:00:00.000+01:00[Europe/Berlin]' }],
    ['negative capacity', { capacity: -1 }],
    ['an unknown status', { status: 'postponed' }],
  ])('rejects %s', (_label, patch) => {
    expect(Session.safeParse({ ...session, ...patch }).success).toBe(false);
  });

  it('knows every booking status the desk shows', () => {
    const statuses = ['booked', 'waitlisted', 'cancelled', 'checked_in', 'no_show', 'pending_confirmation', 'rejected'];
    for (const status of statuses) {
      const booking = { id: 'b', connectionId: 'c', sessionId: 's', memberId: 'm', status, source: 'demo', updatedAt: session.startsAt };
      expect(Booking.safeParse(booking).success).toBe(true);
    }
  });
});

describe('contract', () => {
  it('has a schema pair for every command name and nothing else', () => {
    expect(Object.keys(commands).sort()).toEqual([...commandNames].sort());
  });

  it('requires UUID action ids so a retried action can be recognised', () => {
    const input = commands.checkIn.input;
    expect(input.safeParse({ actionId: crypto.randomUUID(), bookingId: 'b' }).success).toBe(true);
    expect(input.safeParse({ actionId: '1', bookingId: 'b' }).success).toBe(false);
  });

  it('rejects change sets without a positive sequence number or with unknown tables', () => {
    expect(ChangeSet.safeParse({ seq: 0, upserts: {}, removals: {} }).success).toBe(false);
    expect(ChangeSet.safeParse({ seq: 1, upserts: {}, removals: { secrets: ['x'] } }).success).toBe(false);
    expect(ChangeSet.safeParse({ seq: 1, upserts: { sessions: [session] }, removals: { bookings: ['b'] } }).success).toBe(true);
  });

  it('types events by name', () => {
    expect(DeskEvent.safeParse({ name: 'status', payload: { connection: 'online', pendingActions: 0 } }).success).toBe(true);
    expect(DeskEvent.safeParse({ name: 'status', payload: { connection: 'maybe', pendingActions: 0 } }).success).toBe(false);
  });
});
