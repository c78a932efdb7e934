import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../src-renderer/src/i18n';
import {
  formatClockTime,
  formatLocalDay,
  formatSyncTime,
  formatTimeRange,
  formattingLocale,
} from '../../src-renderer/src/i18n/gym-time';

const berlin = { locale: 'en-GB', timeZone: 'Europe/Berlin' };
const newYork = { locale: 'en-US', timeZone: 'America/New_York' };

describe('gym time', () => {
  it('shows an instant on the location’s clock, whatever zone the PC is in', () => {
    expect(formatClockTime('2026-03-20T17:00:00.000Z', berlin)).toBe('18:00');
    expect(formatClockTime('2026-03-20T17:00:00.000Z', newYork)).toBe('01:00 PM');
  });

  it('follows summer time on the gym’s side', () => {
    // Berlin switched to CEST on 29 March 2026: 17:00 UTC was 18:00 before and is 19:00 after.
    expect(formatClockTime('2026-03-30T17:00:00.000Z', berlin)).toBe('19:00');
  });

  it('writes a class’s time range in the location’s language', () => {
    expect(formatTimeRange('2026-03-20T17:00:00.000Z', '2026-03-20T18:00:00.000Z', berlin)).toMatch(/^18:00\s?–\s?19:00$/);
  });

  it('writes out a local date without shifting it', () => {
    // ICU versions differ on the comma after the weekday; the date itself must not.
    expect(formatLocalDay('2026-03-29', berlin)).toMatch(/^Sunday,? 29 March 2026$/);
    expect(formatLocalDay('2026-03-29', { locale: 'de-DE', timeZone: 'Pacific/Kiritimati' })).toMatch(/^Sunday,? 29 March 2026$/);
  });

  it('writes in the desk’s language with the gym’s regional conventions', () => {
    expect(formattingLocale('de-DE', 'en')).toBe('en-DE');
    expect(formattingLocale('en-US', 'de')).toBe('de-US');
    expect(formattingLocale('not a locale!', 'en')).toBe('en');
    const berlinDesk = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
    const brooklynDesk = { locale: 'en-US', timeZone: 'America/New_York' };
    expect(formatClockTime('2026-03-20T17:00:00.000Z', berlinDesk)).toBe('18:00');
    expect(formatClockTime('2026-03-20T17:00:00.000Z', brooklynDesk)).toMatch(/^01:00\sPM$/);
    expect(formatTimeRange('2026-03-20T17:00:00.000Z', '2026-03-20T18:00:00.000Z', brooklynDesk)).toMatch(/^0?1:00\s?–\s?0?2:00\sPM$/);
  });

  it('gives only the time for a sync earlier the same local day, and the date otherwise', () => {
    const now = Date.parse('2026-03-20T20:00:00.000Z');
    expect(formatSyncTime('2026-03-20T19:58:00.000Z', berlin, now)).toBe('20:58');
    expect(formatSyncTime('2026-03-19T19:58:00.000Z', berlin, now)).toContain('19 Mar 2026');
  });

  it('still shows something when a provider sends a zone nobody knows', () => {
    expect(formatClockTime('2026-03-20T17:00:00.000Z', { locale: 'en-GB', timeZone: 'Mars/Olympus' })).toBe('17:00');
  });
});

describe('gym time on a German desk', () => {
  afterEach(() => i18n.changeLanguage('en'));
  const berlinDesk = { locale: 'de-DE', timeZone: 'Europe/Berlin' };

  it('writes days, times and dates the German way, in the gym’s zone', async () => {
    await i18n.changeLanguage('de');
    expect(formatLocalDay('2026-03-20', berlinDesk)).toBe('Freitag, 20. März 2026');
    expect(formatClockTime('2026-03-20T17:00:00.000Z', berlinDesk)).toBe('18:00');
    expect(formatTimeRange('2026-03-20T17:00:00.000Z', '2026-03-20T18:00:00.000Z', berlinDesk)).toBe('18:00–19:00');
    expect(formatSyncTime('2026-03-19T19:58:00.000Z', berlinDesk, Date.parse('2026-03-20T20:00:00.000Z'))).toBe('19.03.2026, 20:58');
  });

  it('keeps the 24-hour clock for a German desk at an English-speaking gym, and its own day names', async () => {
    await i18n.changeLanguage('de');
    expect(formatClockTime('2026-03-20T17:00:00.000Z', berlin)).toBe('18:00');
    expect(formatLocalDay('2026-03-29', berlin)).toBe('Sonntag, 29. März 2026');
  });
});
