import type { SimRequest, SimResponse, SimulatorServer } from './simulator-server';
import { simLocations, trueStart, type SimClass, type SimClient, type SimParticipant } from './whautomate-simulator-data';
import { ok, takenPlaces, wireClass, wireParticipant } from './whautomate-simulator-wire';

/**
 * The Whautomate simulator's API: classes, their participants, a client's
 * bookings and the client search, over the state `WhautomateSimulator` holds
 * (see `WhautomateWorld`).
 */

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the routes read and change. */
export interface WhautomateWorld {
  classes: Map<string, SimClass>;
  participants: Map<string, SimParticipant[]>;
  clients: SimClient[];
  malformedClasses: unknown[];
  malformedParticipants: Map<string, unknown[]>;
  now(): Date;
  addClass(spec: Partial<SimClass> & Pick<SimClass, 'date' | 'time'>): SimClass;
  seatClient(classId: string, clientId: string, status?: string): SimParticipant;
  /** A list as the simulator's `listShape` sends it. */
  list(items: unknown[]): SimResponse;
  error(status: number, body: unknown): SimResponse;
  /** A scripted answer (`answerNext`) for the request if one is waiting, else `answer()`. */
  scriptedOr(request: SimRequest, answer: () => SimResponse): SimResponse;
}

export function installWhautomateRoutes(s: SimulatorServer, world: WhautomateWorld): void {
  const w = world;
  const classWire = (c: SimClass) => wireClass(c, w.participants.get(c.id) ?? []);
  const participantWire = (p: SimParticipant) => wireParticipant(p, w.clients);
  const withClass = (request: SimRequest, act: (simClass: SimClass) => SimResponse): SimResponse => {
    const simClass = w.classes.get(request.params.classId ?? '');
    return simClass ? act(simClass) : w.error(404, { error: 'Invalid classId' });
  };
  const paging = (request: SimRequest): { page: number; limit: number } | undefined => {
    const page = Number(request.query.get('page') ?? 1);
    const limit = Number(request.query.get('limit') ?? DEFAULT_LIMIT);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return undefined;
    return { page, limit };
  };

  const listClasses = (request: SimRequest): SimResponse => {
    const pages = paging(request);
    if (!pages) return w.error(400, { error: 'Invalid parameters' });
    const { query } = request;
    const locationId = query.get('locationId');
    if (locationId && !simLocations.some((location) => location.id === locationId)) return w.error(404, { error: 'Invalid locationId' });
    const fromDate = query.get('fromDate');
    const toDate = query.get('toDate');
    if ((fromDate && !DATE.test(fromDate)) || (toDate && !DATE.test(toDate))) return w.error(400, { error: 'Invalid parameters' });
    const found = [...w.classes.values()]
      .filter((c) => (!locationId || c.locationId === locationId) && (!fromDate || c.date >= fromDate) && (!toDate || c.date <= toDate))
      .sort((a, b) => trueStart(a).toMillis() - trueStart(b).toMillis() || a.id.localeCompare(b.id))
      .map((c): unknown => classWire(c));
    const all = [...found, ...w.malformedClasses];
    return w.list(all.slice((pages.page - 1) * pages.limit, pages.page * pages.limit));
  };

  const createClass = (request: SimRequest): SimResponse => {
    const body = request.body as Partial<{ location: { id?: string }; staff: { id?: string }; service: { id?: string }; date: string; time: string; numberOfParticipants: number; timezone: string }>;
    const location = simLocations.find((candidate) => candidate.id === body?.location?.id);
    if (!body || typeof body.date !== 'string' || !DATE.test(body.date) || typeof body.time !== 'string' || !body.service?.id) {
      return w.error(400, { message: 'Invalid request body' });
    }
    if (!location) return w.error(404, { error: 'Invalid locationId' });
    const simClass = w.addClass({
      locationId: location.id,
      serviceId: body.service.id,
      staffId: body.staff?.id ?? 'stf-amara',
      date: body.date,
      time: body.time,
      timezone: body.timezone ?? location.timezone,
      capacity: body.numberOfParticipants ?? 10,
    });
    return ok(classWire(simClass));
  };

  const updateClass = (simClass: SimClass, request: SimRequest): SimResponse => {
    const body = request.body as Partial<{ date: string; time: string; numberOfParticipants: number; timezone: string }> | undefined;
    if (!body || typeof body !== 'object' || (body.date !== undefined && !DATE.test(String(body.date)))) return w.error(400, { message: 'Invalid request body' });
    Object.assign(simClass, {
      ...(body.date ? { date: body.date } : {}),
      ...(body.time ? { time: body.time } : {}),
      ...(body.timezone ? { timezone: body.timezone } : {}),
      ...(body.numberOfParticipants !== undefined ? { capacity: body.numberOfParticipants } : {}),
    });
    return ok(classWire(simClass));
  };

  const addParticipant = (simClass: SimClass, request: SimRequest): SimResponse => {
    const body = request.body as { client?: { id?: string; fullName?: string; countryCode?: string; phone?: string }; status?: string } | undefined;
    const wanted = body?.client;
    if (!wanted || (!wanted.id && !(wanted.fullName && wanted.phone))) return w.error(400, { message: 'Invalid request body' });
    const status = (body.status ?? 'BOOKED').toUpperCase();
    if (status !== 'BOOKED' && status !== 'WAITLISTED') return w.error(400, { message: 'Invalid request body' });
    let client = wanted.id ? w.clients.find((candidate) => candidate.id === wanted.id) : w.clients.find((candidate) => candidate.phone === wanted.phone);
    if (!client && wanted.id) return w.error(404, { error: 'Invalid clientId' });
    if (!client) {
      client = { id: `cli_new_${w.clients.length}`, clientId: `WA-${2000 + w.clients.length}`, fullName: wanted.fullName ?? '', countryCode: wanted.countryCode ?? '', phone: wanted.phone ?? '', email: '', locationId: simClass.locationId };
      w.clients.push(client);
    }
    if (simClass.status === 'CANCELLED') return w.error(400, { error: 'Class is cancelled' });
    const roster = w.participants.get(simClass.id) ?? [];
    const clientId = client.id;
    if (roster.some((p) => p.clientId === clientId && p.status !== 'CANCELLED')) return w.error(400, { error: 'Client is already a participant of this class' });
    if (status === 'BOOKED' && takenPlaces(roster) >= simClass.capacity) return w.error(400, { error: 'Class is full' });
    return ok(participantWire(w.seatClient(simClass.id, client.id, status)));
  };

  const cancelParticipant = (simClass: SimClass, request: SimRequest): SimResponse => {
    const body = request.body as { participantId?: string; cancellationReason?: string } | undefined;
    if (!body || typeof body.participantId !== 'string') return w.error(400, { message: 'Invalid request body' });
    const roster = w.participants.get(simClass.id) ?? [];
    const participant = roster.find((p) => p.id === body.participantId);
    if (!participant) return w.error(404, { error: 'Invalid participantId' });
    if (participant.status === 'CANCELLED') return w.error(400, { error: 'Participant is already cancelled' });
    if (participant.status === 'VISITED') return w.error(400, { error: 'Participant has already visited this class' });
    const at = w.now().toISOString();
    const freedPlace = participant.status === 'BOOKED';
    Object.assign(participant, { status: 'CANCELLED', updatedAt: at, cancellationReason: body.cancellationReason });
    const next = roster.filter((p) => p.status === 'WAITLISTED').sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
    if (freedPlace && next) Object.assign(next, { status: 'BOOKED', updatedAt: at });
    return ok(participantWire(participant));
  };

  const clientBookings = (request: SimRequest): SimResponse => {
    const clientId = request.params.clientId ?? '';
    if (!w.clients.some((client) => client.id === clientId)) return w.error(404, { error: 'Invalid clientId' });
    const bookings = [...w.participants.values()]
      .flat()
      .filter((p) => p.clientId === clientId && w.classes.has(p.classId))
      .map((p) => ({ ...participantWire(p), class: classWire(w.classes.get(p.classId) as SimClass) }));
    return w.list(bookings);
  };

  const searchClients = (request: SimRequest): SimResponse => {
    const pages = paging(request);
    if (!pages) return w.error(400, { error: 'Invalid parameters' });
    const text = (request.query.get('searchText') ?? '').trim().toLowerCase();
    const digits = text.replace(/\D+/g, '');
    const found = w.clients.filter(
      (client) => !text || client.fullName.toLowerCase().includes(text) || (digits.length >= 4 && `${client.countryCode}${client.phone}`.replace(/\D+/g, '').includes(digits)),
    );
    const page = found.slice((pages.page - 1) * pages.limit, pages.page * pages.limit);
    return w.list(page.map(({ locationId, ...client }) => ({ ...client, primaryLocation: { id: locationId }, createdAt: '2025-01-06T10:00:00.000Z' })));
  };

  s.route('GET', '/v1/classes', (r) => w.scriptedOr(r, () => listClasses(r)));
  s.route('POST', '/v1/classes', (r) => w.scriptedOr(r, () => createClass(r)));
  s.route('GET', '/v1/classes/clients/{clientId}/bookings', (r) => w.scriptedOr(r, () => clientBookings(r)));
  s.route('GET', '/v1/classes/{classId}', (r) => w.scriptedOr(r, () => withClass(r, (c) => ok(classWire(c)))));
  s.route('PUT', '/v1/classes/{classId}', (r) => w.scriptedOr(r, () => withClass(r, (c) => updateClass(c, r))));
  s.route('DELETE', '/v1/classes/{classId}', (r) =>
    w.scriptedOr(r, () =>
      withClass(r, (c) => {
        w.classes.delete(c.id);
        return ok({ success: true });
      }),
    ),
  );
  s.route('GET', '/v1/classes/{classId}/participants', (r) =>
    w.scriptedOr(r, () =>
      withClass(r, (c) =>
        w.list([...(w.participants.get(c.id) ?? []).map((p) => participantWire(p)), ...(w.malformedParticipants.get(c.id) ?? [])]),
      ),
    ),
  );
  s.route('POST', '/v1/classes/{classId}/participants/add', (r) => w.scriptedOr(r, () => withClass(r, (c) => addParticipant(c, r))));
  s.route('POST', '/v1/classes/{classId}/participants/cancel', (r) => w.scriptedOr(r, () => withClass(r, (c) => cancelParticipant(c, r))));
  s.route('GET', '/v1/clients', (r) => w.scriptedOr(r, () => searchClients(r)));
}
