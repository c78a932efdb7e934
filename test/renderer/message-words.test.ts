import { describe, expect, it } from 'vitest';
import { DeskMessageCode } from '../../src-shared/desk-messages';
import { i18n } from '../../src-renderer/src/i18n';
import { en } from '../../src-renderer/src/i18n/en';
import { wordMessage } from '../../src-renderer/src/i18n/message-words';

const t = i18n.t.bind(i18n);
const berlin = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
const brooklyn = { locale: 'en-US', timeZone: 'America/New_York' };
/** 16:30 at the gym in Berlin, on the day the instants below belong to. */
const nowMs = Date.parse('2026-03-20T15:30:00.000Z');

/** The English words of a code: the key itself, or its plural forms. */
const wordsOf = (code: DeskMessageCode): unknown => {
  const messages = en.messages as Record<string, string>;
  return messages[code] ?? messages[`${code}_other`];
};

describe('the words for the core’s codes', () => {
  it.each(DeskMessageCode.options)('has English words for %s', (code) => {
    expect(typeof wordsOf(code)).toBe('string');
    expect(String(wordsOf(code)).trim()).not.toBe('');
    // Worded through i18next, the desk never shows the key itself.
    expect(wordMessage(t, { code, params: { count: 2 } }, { place: berlin, saidAtMs: nowMs })).not.toMatch(/^messages\./);
  });

  it('has no words for a code the core cannot send', () => {
    const codes = new Set<string>(DeskMessageCode.options);
    const variant = /_(member|product|provider|time|status|aside|one|other)$/;
    const orphans = Object.keys(en.messages).filter((key) => !codes.has(key) && !codes.has(key.replace(variant, '')) && !key.startsWith('detailLabel'));
    expect(orphans).toEqual([]);
  });

  it('writes instants in the gym’s zone: a time alone today, with the date on another day', () => {
    const closed = { code: 'checkin_closed', params: { session: 'Yoga', closedAt: '2026-03-20T17:00:00.000Z' } } as const;
    expect(wordMessage(t, closed, { place: berlin, saidAtMs: nowMs })).toBe('Check-in for Yoga closed at 18:00.');
    expect(wordMessage(t, closed, { place: brooklyn, saidAtMs: nowMs })).toMatch(/^Check-in for Yoga closed at 01:00\s?PM\.$/);
    const opens = { code: 'checkin_not_open_yet', params: { session: 'Yoga', opensAt: '2026-03-21T08:00:00.000Z' } } as const;
    expect(wordMessage(t, opens, { place: berlin, saidAtMs: nowMs })).toMatch(/^Check-in for Yoga opens at 21 Mar 2026, 09:00\.$/);
  });

  it('picks the wording for the parameters given, and a plural by count', () => {
    expect(wordMessage(t, { code: 'already_checked_in' })).toBe('This member is already checked in.');
    expect(wordMessage(t, { code: 'already_checked_in', params: { member: 'Anna Müller' } })).toBe('Anna Müller is already checked in.');
    expect(wordMessage(t, { code: 'booking_not_known', params: { provider: 'Zenoti' } })).toBe('Zenoti does not know this booking any more. Sync and try again.');
    expect(wordMessage(t, { code: 'wipe_refused_actions_waiting', params: { count: 1 } })).toBe('1 desk action is still waiting to be sent and would be lost.');
    expect(wordMessage(t, { code: 'wipe_refused_actions_waiting', params: { count: 3 } })).toBe('3 desk actions are still waiting to be sent and would be lost.');
  });

  it('shows a system’s own words after the sentence, marked as theirs, and never builds them in', () => {
    expect(wordMessage(t, { code: 'provider_refused', params: { provider: 'Magicline', status: 400, detail: 'Slot is locked' } })).toBe(
      'Magicline refused the request (400). (Magicline said: “Slot is locked”)',
    );
    expect(wordMessage(t, { code: 'visit_not_validated', params: { detail: 'Gym is blocked' } })).toBe(
      'Wellhub did not validate this visit. (the system said: “Gym is blocked”)',
    );
  });

  it('shows what an older release stored as a sentence as it was, and nothing for nothing', () => {
    expect(wordMessage(t, 'The booking is booked, not checked_in.')).toBe('The booking is booked, not checked_in.');
    expect(wordMessage(t, { code: 'provider_said', params: { detail: 'Membership paused' } })).toBe('Membership paused');
    expect(wordMessage(t, undefined)).toBe('');
  });
});
