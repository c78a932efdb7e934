import { describe, expect, it } from 'vitest';
import { gymLocalTime, wellhubInstant } from '../../src-main/core/providers/wellhub/wellhub-time';
import { visitAnswerFor, visitAnswersByKey, wellhubIdFrom } from '../../src-main/core/providers/wellhub/wellhub-visit-answers';
import { hasValidSignature, wellhubSignature } from '../../src-main/core/providers/wellhub/wellhub-webhooks';

describe('Wellhub times', () => {
  it.each([
    ['slot list, zone in brackets', '2021-03-09T07:00:00Z[UTC]', '2021-03-09T07:00:00.000Z'],
    ['slot answer, gym offset', '2019-07-30T10:00:00-05:00', '2019-07-30T15:00:00.000Z'],
    ['microseconds', '2022-05-10T14:33:48.819005Z', '2022-05-10T14:33:48.819Z'],
    ['offset decides, bracket only names the zone', '2026-03-30T18:00:00.000+02:00[Europe/Berlin]', '2026-03-30T16:00:00.000Z'],
    ['no offset: the gym’s wall clock, winter', '2026-03-28T18:30:00', '2026-03-28T17:30:00.000Z'],
    ['no offset: the gym’s wall clock, summer', '2026-03-30T18:30:00', '2026-03-30T16:30:00.000Z'],
    ['no offset, bracketed zone wins', '2026-03-30T18:30:00[America/Sao_Paulo]', '2026-03-30T21:30:00.000Z'],
  ])('reads %s', (_what, text, utc) => {
    expect(wellhubInstant(text, 'Europe/Berlin')).toBe(utc);
  });

  it('returns nothing for what is not a time', () => {
    expect(wellhubInstant('tomorrow at nine', 'Europe/Berlin')).toBeUndefined();
    expect(wellhubInstant('2026-02-30T10:00:00Z', 'Europe/Berlin')).toBeUndefined();
  });

  it('writes instants in the gym’s local time with that day’s offset', () => {
    expect(gymLocalTime('2026-03-28T17:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-28T18:30:00+01:00');
    expect(gymLocalTime('2026-03-30T16:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-30T18:30:00+02:00');
    expect(gymLocalTime('2019-07-30T15:00:00.000Z', 'America/New_York')).toBe('2019-07-30T11:00:00-04:00');
  });
});

describe('Wellhub visit answers', () => {
  it.each(Object.entries(visitAnswersByKey))('has plain words for %s', (key, answer) => {
    expect(visitAnswerFor(key, 'Check-In something')).toBe(answer);
    // A code the desk words, never Wellhub's key or its English passed on.
    expect(answer.said.code).toMatch(/^visit_/);
    expect(answer.said.params).toBeUndefined();
  });

  it('accepts a repeat validation but none of the refusals', () => {
    expect(visitAnswersByKey['checkin.already.validated']?.valid).toBe(true);
    for (const key of ['checkin.validation.notfound', 'checkin.validation.canceled', 'checkin.validation.cancelled', 'checkin.validation.expired']) {
      expect(visitAnswersByKey[key]?.valid).toBe(false);
    }
  });

  it('keeps Wellhub’s own words for a key it does not know', () => {
    expect(visitAnswerFor('checkin.validation.gym', 'Gym is blocked')).toEqual({ valid: false, said: { code: 'visit_not_validated', params: { detail: 'Gym is blocked' } } });
    expect(visitAnswerFor(undefined, undefined)).toEqual({ valid: false, said: { code: 'visit_not_validated' } });
  });

  it('takes 13 digits, with spaces or dashes, and nothing else', () => {
    expect(wellhubIdFrom(' 1234-5678 90123 ')).toBe('1234567890123');
    for (const wrong of ['123456789012', '12345678901234', '123456789012x', '', '१२३४५६७८९०१२३']) expect(wellhubIdFrom(wrong)).toBeUndefined();
  });
});

describe('Wellhub webhook signatures', () => {
  it('matches the HMAC-SHA1 of the raw body in upper-case hex', () => {
    const body = '{"event_type":"checkin"}';
    const signature = wellhubSignature(body, 'secret');
    expect(signature).toMatch(/^[0-9A-F]{40}$/);
    expect(hasValidSignature(body, signature, 'secret')).toBe(true);
    expect(hasValidSignature(body, signature.toLowerCase(), 'secret')).toBe(true);
    expect(hasValidSignature(`${body} `, signature, 'secret')).toBe(false);
    expect(hasValidSignature(body, signature, '')).toBe(false);
    expect(hasValidSignature(body, 'nonsense', 'secret')).toBe(false);
  });
});
