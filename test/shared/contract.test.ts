import { describe, expect, it } from 'vitest';
import { commandNames } from '../../src-shared/command-names';
import { CatchUp, ChangeSet, commands, DeskEvent } from '../../src-shared/contract';
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

  it('rejects change sets without a store id, with a negative sequence number or with unknown tables', () => {
    const base = { store: 'store-1', from: 0, seq: 1, replaced: [], upserts: {}, removals: {} };
    expect(ChangeSet.safeParse(base).success).toBe(true);
    expect(ChangeSet.safeParse({ ...base, store: undefined }).success).toBe(false);
    expect(ChangeSet.safeParse({ ...base, store: '' }).success).toBe(false);
    expect(ChangeSet.safeParse({ ...base, seq: -1 }).success).toBe(false);
    expect(ChangeSet.safeParse({ ...base, from: 0.5 }).success).toBe(false);
    expect(ChangeSet.safeParse({ ...base, removals: { secrets: ['x'] } }).success).toBe(false);
    expect(ChangeSet.safeParse({ ...base, upserts: { sessions: [session] }, removals: { bookings: ['b'] } }).success).toBe(true);
  });

  it('answers a catch-up with changes or a snapshot, told apart by kind', () => {
    const records = { locations: [], instructors: [], classTypes: [], sessions: [session], members: [], bookings: [], visits: [], deskActions: [] };
    const snapshot = { kind: 'snapshot', store: 's', seq: 3, records, active: ['demo'], covered: ['demo'] };
    expect(CatchUp.safeParse(snapshot).success).toBe(true);
    expect(CatchUp.safeParse({ ...snapshot, covered: undefined }).success).toBe(false);
    expect(CatchUp.safeParse({ kind: 'changes', store: 's', from: 2, seq: 3, replaced: [], upserts: {}, removals: {} }).success).toBe(true);
    expect(CatchUp.safeParse({ kind: 'changes', store: 's', from: 2, seq: 3, upserts: {}, removals: {} }).success).toBe(false);
  });

  it('lets a barcode scan say the code belongs to several members, never to one alone', () => {
    const member = { id: 'm', connectionId: 'c', firstName: 'A', lastName: 'B', memberNumber: '1' };
    const result = commands.checkInByBarcode.output;
    expect(result.safeParse({ outcome: 'ambiguous_barcode', members: [member, { ...member, id: 'm2' }] }).success).toBe(true);
    expect(result.safeParse({ outcome: 'ambiguous_barcode', members: [member] }).success).toBe(false);
  });

  it('types events by name', () => {
    const status = { connection: 'online', pendingActions: 0, connections: [{ id: 'demo', label: 'Demo studio', state: 'ok' }] };
    expect(DeskEvent.safeParse({ name: 'status', payload: status }).success).toBe(true);
    expect(DeskEvent.safeParse({ name: 'status', payload: { ...status, storeProblem: { code: 'store_read_only', params: { dataDir: '/x' } } } }).success).toBe(true);
    expect(DeskEvent.safeParse({ name: 'status', payload: { ...status, connection: 'maybe' } }).success).toBe(false);
    expect(DeskEvent.safeParse({ name: 'status', payload: { connection: 'online', pendingActions: 0 } }).success).toBe(false);
  });
});
