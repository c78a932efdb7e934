import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordSet } from '../../src-shared/contract';
import type { ConnectionSettings } from '../../src-shared/connections';
import type { Session } from '../../src-shared/domain';
import { createWellhubProvider, wellhubBaseUrl, type WellhubProvider } from '../../src-main/core/providers/wellhub/wellhub-provider';
import { WellhubSimulator } from '../simulators/wellhub-simulator';
import { providerFailure } from '../support/provider-failure';

const NOW = new Date('2026-03-27T09:00:00.000Z'); // Friday; Berlin moves to summer time on Sunday 29 March
const DAY = 86_400_000;
const http = { timeoutMs: 300, retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 } };
const window14 = { from: '2026-03-26T23:00:00.000Z', to: new Date(Date.parse('2026-03-26T23:00:00.000Z') + 14 * DAY).toISOString() };

let sim: WellhubSimulator;
let baseUrl: string;

function settings(overrides: Partial<ConnectionSettings> = {}): ConnectionSettings {
  return { id: 'wellhub-berlin', provider: 'wellhub', label: 'Wellhub – Berlin', baseUrl, scopeId: String(sim.gymId), timeZone: 'Europe/Berlin', ...overrides };
}

function provider(overrides: Partial<ConnectionSettings> = {}, apiKey = sim.token): WellhubProvider {
  return createWellhubProvider({ settings: settings(overrides), apiKey, clock: sim.clock, http });
}

const slotsIn = (from: string, to: string) => sim.slots.filter((s) => s.occurMs >= Date.parse(from) && s.occurMs < Date.parse(to));
const localTime = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

beforeEach(async () => {
  sim = new WellhubSimulator({ now: NOW, pageSize: 10 });
  baseUrl = await sim.start();
});

afterEach(async () => {
  await sim.stop();
});

describe('Wellhub schedule', () => {
  it('lists a 14-day window across pages, with records that fit the domain', async () => {
    const { records, issues } = await provider().fetchWindow(window14);
    expect(issues).toEqual([]);
    expect(records.sessions).toHaveLength(slotsIn(window14.from, window14.to).length);
    expect(records.sessions.length).toBeGreaterThan(60);
    // Cycle runs twice a day: 28 slots at 10 a page.
    const cyclePages = sim.log.filter((r) => r.path.endsWith('/classes/501/slots')).map((r) => r.query.get('page') ?? '1');
    expect(cyclePages).toEqual(['1', '2', '3']);
    const cycleQuery = sim.log.find((r) => r.path.endsWith('/classes/501/slots'))!.query;
    expect(cycleQuery.get('from')).toBe('2026-03-27T00:00:00+01:00');
    expect(cycleQuery.get('to')).toBe('2026-04-10T01:00:00+02:00');
    expect(() => RecordSet.omit({ deskActions: true, visits: true }).parse(records)).not.toThrow();
    const all = Object.values(records).flat() as { connectionId: string; id: string }[];
    expect(all.every((record) => record.connectionId === 'wellhub-berlin' && record.id.startsWith('wellhub-berlin:'))).toBe(true);
    expect(records.locations).toEqual([
      { id: 'wellhub-berlin:location:4711', connectionId: 'wellhub-berlin', name: 'Wellhub – Berlin', timeZone: 'Europe/Berlin', locale: 'en' },
    ]);
    expect(records.classTypes.map((c) => c.name)).toEqual(['Cycle', 'Yoga Flow', 'Pilates', 'HIIT', 'Aqua Fit']);
    expect(records.bookings).toEqual([]);
    expect(sim.rateLimited).toBe(0);
  });

  it('maps a slot: times, length, counts, room, lead instructor, booking window, inactive slots', async () => {
    const { records } = await provider().fetchWindow(window14);
    const slot = sim.slots.find((s) => s.instructors.length === 2 && s.occurMs >= Date.parse(window14.from))!;
    const session = records.sessions.find((s) => s.id === `wellhub-berlin:session:${slot.id}`)!;
    expect(session).toMatchObject({
      startsAt: new Date(slot.occurMs).toISOString(),
      endsAt: new Date(slot.occurMs + slot.lengthInMinutes * 60_000).toISOString(),
      capacity: slot.totalCapacity,
      booked: slot.totalBooked,
      waitlisted: 0,
      room: slot.room,
      classTypeId: `wellhub-berlin:class-type:${slot.classId}`,
      locationId: 'wellhub-berlin:location:4711',
      bookingOpensAt: new Date(slot.opensMs!).toISOString(),
      bookingClosesAt: new Date(slot.closesMs!).toISOString(),
      cancellationDeadline: new Date(slot.cancellableMs!).toISOString(),
    });
    const lead = records.instructors.find((i) => i.id === session.instructorId)!;
    expect(lead.name).toBe(slot.instructors.find((i) => !i.substitute)!.name);
    expect(records.instructors.some((i) => i.name === 'Sam Reed')).toBe(true);
    const inactive = sim.slots.find((s) => s.status === 0 && s.occurMs >= Date.parse(window14.from) && s.occurMs < Date.parse(window14.to))!;
    expect(records.sessions.find((s) => s.id.endsWith(`:${inactive.id}`))?.status).toBe('cancelled');
  });

  it('keeps the gym’s wall-clock time across the change to summer time', async () => {
    const { records } = await provider().fetchWindow(window14);
    const eveningCycle = (day: string): Session | undefined =>
      records.sessions.find((s) => s.classTypeId.endsWith(':class-type:501') && s.startsAt.startsWith(day) && localTime(s.startsAt) === '18:30');
    expect(eveningCycle('2026-03-28')?.startsAt).toBe('2026-03-28T17:30:00.000Z');
    expect(eveningCycle('2026-03-30')?.startsAt).toBe('2026-03-30T16:30:00.000Z');
    const early = records.sessions.filter((s) => s.classTypeId.endsWith(':class-type:501') && localTime(s.startsAt) === '07:00');
    expect(early.length).toBe(14);
  });

  it('reports malformed classes and slots one by one and keeps the rest', async () => {
    sim.addMalformedClass();
    const broken = sim.addMalformedSlot(502, new Date('2026-03-28T10:00:00.000Z'));
    const { records, issues } = await provider().fetchWindow(window14);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ table: 'classTypes', sourceId: 'not-a-number' });
    expect(issues[1]).toMatchObject({ table: 'sessions', sourceId: String(broken.id) });
    expect(records.sessions).toHaveLength(slotsIn(window14.from, window14.to).length - 1);
    expect(records.classTypes).toHaveLength(5);
  });

  it('uses the documented production host when no base URL is set', () => {
    expect(wellhubBaseUrl({})).toBe('https://api.partners.gympass.com');
    expect(wellhubBaseUrl({ baseUrl: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
  });
});

describe('Wellhub connection and errors', () => {
  it('tests the connection with the health check and the gym’s classes', async () => {
    await provider().testConnection();
    expect(sim.log.map((r) => r.path)).toEqual(['/booking/v1/health', '/booking/v1/gyms/4711/classes']);
    expect(sim.log[0]!.headers.authorization).toBe(`Bearer ${sim.token}`);
    // The real health check answers a bare `ok`, which is not JSON: still healthy.
    sim.faults.invalidJson = 1;
    await provider().testConnection();
    expect(sim.log).toHaveLength(4);
  });

  it('says plainly when the key is wrong (401) and keeps Wellhub’s words', async () => {
    const error = await providerFailure(provider({}, 'wrong-key').testConnection());
    expect(error).toMatchObject({ said: { code: 'provider_key_refused', params: { provider: 'Wellhub' } }, retryable: false, code: 'unauthorized' });
    expect(error.detail).toMatchObject({ status: 401, providerCode: 'authentication.invalid-token' });
    expect(JSON.stringify(error)).not.toContain('wrong-key');
  });

  it('says which gym the key may not manage (403)', async () => {
    const error = await providerFailure(provider({ scopeId: '999' }).fetchWindow(window14));
    expect(error.said).toEqual({ code: 'wellhub_gym_refused', params: { gymId: '999' } });
    expect(error.detail).toMatchObject({ status: 403, providerCode: 'authorization.gym.forbidden' });
  });

  it('asks for the gym id and time zone before calling Wellhub', async () => {
    expect(await providerFailure(provider({ scopeId: undefined }).testConnection())).toMatchObject({ code: 'invalid_settings' });
    expect(await providerFailure(provider({ timeZone: 'Mars/Olympus' }).fetchWindow(window14))).toMatchObject({ code: 'invalid_settings' });
    expect(sim.log).toHaveLength(0);
  });

  it('waits out a 429 with Retry-After: 1 and succeeds', async () => {
    sim.faults.rateLimitStorm = { count: 1, retryAfterSeconds: 1 };
    const started = Date.now();
    const { records } = await provider().fetchWindow(window14);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(records.sessions.length).toBeGreaterThan(60);
  });

  it('meets the simulator’s budget per token: 429 with Retry-After, and a wait too long becomes a retryable error', async () => {
    await sim.stop();
    sim = new WellhubSimulator({ now: NOW, pageSize: 10, perMinute: 4 });
    baseUrl = await sim.start();
    await provider().testConnection();
    const error = await providerFailure(provider().fetchWindow(window14));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, detail: { status: 429, providerCode: 'rate.limit.exceeded' } });
    expect(sim.rateLimited).toBeGreaterThan(0);
    expect(Number(sim.log.length)).toBeLessThan(8);
  });

  it('backs off through 503s, and gives up retryably when they go on', async () => {
    sim.faults.serverErrors = { count: 2, status: 503 };
    await provider().testConnection();
    expect(sim.log.filter((r) => r.path === '/booking/v1/health')).toHaveLength(3);
    sim.faults.serverErrors = { count: 20, status: 503 };
    expect(await providerFailure(provider().fetchWindow(window14))).toMatchObject({ retryable: true, code: 'unavailable' });
  });

  it('times out a request that is never answered, retries it, and fails retryably when Wellhub stays silent', async () => {
    sim.faults.hangs = 1;
    await provider().testConnection();
    sim.faults.hangs = 20;
    expect(await providerFailure(provider().testConnection())).toMatchObject({ retryable: true, code: 'timeout' });
  });

  it('treats an unreadable answer as retryable', async () => {
    await provider().testConnection();
    sim.faults.invalidJson = 1;
    expect(await providerFailure(provider().fetchWindow(window14))).toMatchObject({ retryable: true, code: 'invalid_response' });
  });
});
