import type { SimResponse } from './simulator-server';
import { simLocations, simServices, simStaff, wallTimeAsUtc, type SimClass, type SimClient, type SimParticipant } from './whautomate-simulator-data';

/** How the Whautomate simulator writes its records on the wire. */

export function wireClass(simClass: SimClass, roster: readonly SimParticipant[]): Record<string, unknown> {
  const location = simLocations.find((candidate) => candidate.id === simClass.locationId);
  const service = simServices.find((candidate) => candidate.id === simClass.serviceId) ?? simServices[0];
  const staff = simStaff.find((candidate) => candidate.id === simClass.staffId);
  const duration = service?.durationMinutes ?? 60;
  const startUtc = simClass.utcFields?.startTimeUTC ?? wallTimeAsUtc(simClass);
  const endUtc = simClass.utcFields?.endTimeUTC ?? wallTimeAsUtc(simClass, duration);
  return {
    id: simClass.id,
    location: { id: simClass.locationId, title: location?.title ?? simClass.locationId },
    ...(staff ? { staff: { id: staff.id, name: staff.name } } : {}),
    ...(simClass.timezone ? { timezone: simClass.timezone } : {}),
    date: simClass.date,
    time: simClass.time,
    startTimeUTC: startUtc,
    startTime: startUtc,
    endTimeUTC: endUtc,
    endTime: endUtc,
    service: { ...service },
    bookedParticipants: takenPlaces(roster),
    numberOfParticipants: simClass.capacity,
    status: simClass.status,
    ...(simClass.cancelClassThresholdMinutes ? { advanceSettings: { cancelClassThresholdMinutes: simClass.cancelClassThresholdMinutes } } : {}),
    createdAt: simClass.createdAt,
    updatedAt: simClass.createdAt,
  };
}

export function wireParticipant(participant: SimParticipant, clients: readonly SimClient[]): Record<string, unknown> {
  const client = clients.find((candidate) => candidate.id === participant.clientId);
  return {
    id: participant.id,
    client: { id: participant.clientId, fullName: client?.fullName ?? '' },
    paymentStatus: participant.paymentStatus,
    status: participant.status,
    createdAt: participant.createdAt,
    updatedAt: participant.updatedAt,
  };
}

/** Places taken: booked, visited or missed (a no-show still held the place). */
export function takenPlaces(roster: readonly SimParticipant[]): number {
  return roster.filter((p) => p.status === 'BOOKED' || p.status === 'VISITED' || p.status === 'NO_SHOW').length;
}

export function ok(body: unknown): SimResponse {
  return { status: 200, body };
}
