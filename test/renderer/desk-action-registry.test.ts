import { describe, expect, it } from 'vitest';
import { noCapabilities, type Capabilities } from '../../src-shared/connections';
import { defaultCheckInWindow, misfitOf, nextActionChange } from '../../src-shared/desk-action-rules';
import type { Session } from '../../src-shared/domain';
import { actionsFor, bookingActions, canAddMemberTo, whyNot, type ActionScene } from '../../src-renderer/src/desk/desk-action-registry';

const MINUTE = 60_000;
const START = Date.parse('2026-03-20T17:00:00.000Z');
const END = Date.parse('2026-03-20T18:00:00.000Z');
const session: ActionScene['session'] = { startsAt: new Date(START).toISOString(), endsAt: new Date(END).toISOString(), status: 'scheduled' };
const everything: Capabilities = Object.fromEntries(Object.keys(noCapabilities).map((flag) => [flag, true])) as unknown as Capabilities;

const at = (nowMs: number, overrides: Partial<ActionScene> = {}): ActionScene => ({ session, nowMs, capabilities: everything, ...overrides });
const offered = (status: Parameters<typeof actionsFor>[0], scene: ActionScene) => actionsFor(status, scene).map(({ kind }) => kind);

describe('the desk-action rules', () => {
  it('offers check-in only inside the check-in window: from an hour before the start until the end', () => {
    expect(defaultCheckInWindow).toEqual({ opensMinutesBeforeStart: 60, closesMinutesAfterEnd: 0 });
    expect(whyNot('check_in', 'booked', at(START - 61 * MINUTE))).toBe('too_early');
    expect(whyNot('check_in', 'booked', at(START - 60 * MINUTE))).toBeUndefined();
    expect(whyNot('check_in', 'booked', at(END - 1))).toBeUndefined();
    expect(whyNot('check_in', 'booked', at(END))).toBe('too_late');
    expect(whyNot('check_in', 'booked', at(END + 5 * 60 * MINUTE))).toBe('too_late');
  });

  it('follows a window the system declares instead of the default', () => {
    const own = { ...everything, checkInWindow: { opensMinutesBeforeStart: 15, closesMinutesAfterEnd: 30 } };
    expect(whyNot('check_in', 'booked', at(START - 20 * MINUTE, { capabilities: own }))).toBe('too_early');
    expect(whyNot('check_in', 'booked', at(END + 29 * MINUTE, { capabilities: own }))).toBeUndefined();
    expect(whyNot('check_in', 'booked', at(END + 30 * MINUTE, { capabilities: own }))).toBe('too_late');
  });

  it('offers promote, cancel and answering requests only before the class starts', () => {
    for (const [kind, status] of [
      ['promote_from_waitlist', 'waitlisted'],
      ['cancel_booking', 'booked'],
      ['confirm_booking_request', 'pending_confirmation'],
      ['reject_booking_request', 'pending_confirmation'],
    ] as const) {
      expect(whyNot(kind, status, at(START - 1))).toBeUndefined();
      expect(whyNot(kind, status, at(START))).toBe('too_late');
    }
  });

  it('offers a no-show only after the class ended, and only where the system allows it', () => {
    expect(whyNot('mark_no_show', 'booked', at(END - 1))).toBe('too_early');
    expect(whyNot('mark_no_show', 'booked', at(END))).toBeUndefined();
    expect(whyNot('mark_no_show', 'checked_in', at(END))).toBe('status');
    expect(whyNot('mark_no_show', 'booked', at(END, { capabilities: { ...everything, markNoShow: false } }))).toBe('capability');
  });

  it('fits each action to the booking states it is for', () => {
    const before = at(START - 10 * MINUTE);
    expect(offered('booked', before)).toEqual(['check_in', 'cancel_booking']);
    expect(offered('checked_in', before)).toEqual(['undo_check_in']);
    expect(offered('waitlisted', before)).toEqual(['promote_from_waitlist', 'cancel_booking']);
    expect(offered('pending_confirmation', before)).toEqual(['confirm_booking_request', 'reject_booking_request']);
    expect(offered('cancelled', before)).toEqual([]);
    expect(offered('no_show', at(END + MINUTE))).toEqual([]);
    expect(offered('booked', at(END + MINUTE))).toEqual(['mark_no_show']);
  });

  it('offers nothing the system cannot do, and assumes the ability only while capabilities are unknown', () => {
    const none = at(START - 10 * MINUTE, { capabilities: noCapabilities });
    expect(offered('booked', none)).toEqual([]);
    expect(offered('booked', at(START - 10 * MINUTE, { capabilities: undefined }))).toEqual(['check_in', 'cancel_booking']);
  });

  it('offers nothing on a cancelled class', () => {
    const called = at(START - 10 * MINUTE, { session: { ...session, status: 'cancelled' } });
    expect(whyNot('check_in', 'booked', called)).toBe('class_cancelled');
    expect(canAddMemberTo(called)).toBe(false);
  });

  it('lets a member be added only before the start and inside a booking window the system states', () => {
    expect(canAddMemberTo(at(START - 1))).toBe(true);
    expect(canAddMemberTo(at(START))).toBe(false);
    expect(canAddMemberTo(at(END + MINUTE))).toBe(false);
    const closesEarly = { ...session, bookingClosesAt: new Date(START - 30 * MINUTE).toISOString() };
    expect(misfitOf('book', { session: closesEarly, nowMs: START - 31 * MINUTE, capabilities: everything })).toBeUndefined();
    expect(misfitOf('book', { session: closesEarly, nowMs: START - 30 * MINUTE, capabilities: everything })).toBe('too_late');
    const opensLater = { ...session, bookingOpensAt: new Date(START - 24 * 60 * MINUTE).toISOString() };
    expect(misfitOf('book', { session: opensLater, nowMs: START - 25 * 60 * MINUTE, capabilities: everything })).toBe('too_early');
    expect(canAddMemberTo(at(START - 10 * MINUTE, { capabilities: { ...everything, book: false } }))).toBe(false);
  });

  it('says which actions ask first, and gives each its own key', () => {
    expect(bookingActions.filter(({ asks }) => asks).map(({ kind }) => kind)).toEqual(['reject_booking_request', 'cancel_booking']);
    const keys = bookingActions.map(({ key }) => key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('a');
  });

  it('names the next moment something starts or stops fitting', () => {
    const full: Session = { ...(session as Session) };
    expect(nextActionChange(full, everything, START - 2 * 60 * MINUTE)).toBe(START - 60 * MINUTE);
    expect(nextActionChange(full, everything, START - 60 * MINUTE)).toBe(START);
    expect(nextActionChange(full, everything, START)).toBe(END);
    expect(nextActionChange(full, everything, END)).toBeUndefined();
  });
});
