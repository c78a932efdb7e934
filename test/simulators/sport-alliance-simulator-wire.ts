import type { DateTime } from 'luxon';
import { simInstructors, type SimBooking, type SimClass, type SimCustomer, type SimSlot, type SimStudio } from './sport-alliance-simulator-studio';

/** How the Sport Alliance simulator writes its records on the wire (the spec's schemas). */

function zoned(studio: SimStudio, time: DateTime): string {
  return `${time.toISO()}[${studio.zone}]`;
}

export function classWire(c: SimClass): unknown {
  const { latestCancelTerm, ...rest } = c;
  return { ...rest, type: 'STUDIO', bookable: true, cancelCondition: { cancelationAfterLatestPossible: false, latestCancelTerm } };
}

export function slotWire(s: SimStudio, slot: SimSlot): unknown {
  const start = s.startOf(slot);
  const { booked, waiting } = s.counts(slot);
  return {
    id: slot.id,
    startDateTime: zoned(s, start),
    endDateTime: zoned(s, s.endOf(slot)),
    classInformation: { id: slot.classId, title: s.classOf(slot).title },
    instructors: simInstructors.filter((i) => i.id === slot.instructorId),
    location: { id: slot.room.id, name: slot.room.name },
    earliestBookingDateTime: zoned(s, s.earliestBooking(slot)),
    latestBookingDateTime: zoned(s, start),
    maxParticipants: slot.maxParticipants,
    maxWaitingListParticipants: slot.maxWaitingListParticipants,
    bookedParticipants: booked,
    additionalParticipants: slot.additionalParticipants,
    waitingListParticipants: waiting,
  };
}

export function bookingWire(studio: SimStudio, b: SimBooking): unknown {
  const slot = studio.slots.find((candidate) => candidate.id === b.slotId)!;
  return {
    bookingId: b.bookingId,
    bookingStatus: b.status,
    classSlotId: b.slotId,
    classId: slot.classId,
    customerId: b.customerId,
    classSlotStatus: studio.slotStatus(slot),
    participantStatus: b.participantStatus,
  };
}

export function customerWire(studio: SimStudio, c: SimCustomer): unknown {
  const accessMediums = [
    ...(c.barcode ? [{ id: c.id * 10 + 1, type: 'BARCODE', value: c.barcode }] : []),
    { id: c.id * 10 + 2, type: 'CARD_NUMBER', value: c.cardNumber },
  ];
  return {
    id: c.id,
    customerNumber: c.customerNumber,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    status: 'MEMBER',
    accessRefusal: false,
    cardNumbers: [c.cardNumber],
    phonePrivateMobile: `+49 151 ${c.id}00`,
    studioId: studio.studioId,
    accessMediums,
  };
}
