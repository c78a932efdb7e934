import { ProviderError } from '../../provider-error';

/**
 * Our record ids for Whautomate records, namespaced by connection. A booking id
 * carries the class id beside the participant id, because cancelling needs
 * both (POST /v1/classes/{classId}/participants/cancel {participantId}) and a
 * desk action replayed after a restart has nothing but the booking id.
 * Each provider id is URI-encoded so a ":" inside one cannot split it.
 */
export class RecordIds {
  constructor(private readonly connectionId: string) {}

  location = (id: string): string => this.make('location', id);
  instructor = (id: string): string => this.make('instructor', id);
  classType = (id: string): string => this.make('class-type', id);
  session = (classId: string): string => this.make('session', classId);
  member = (clientId: string): string => this.make('member', clientId);
  booking = (classId: string, participantId: string): string =>
    `${this.connectionId}:booking:${encodeURIComponent(classId)}:${encodeURIComponent(participantId)}`;

  classIdOf(sessionId: string): string {
    return this.single('session', sessionId, 'class');
  }

  clientIdOf(memberId: string): string {
    return this.single('member', memberId, 'member');
  }

  bookingOf(bookingId: string): { classId: string; participantId: string } {
    const rest = this.rest('booking', bookingId, 'booking');
    const parts = rest.split(':');
    const [classId, participantId] = parts.map(safeDecode);
    if (parts.length !== 2 || !classId || !participantId) throw unknownRecord('booking');
    return { classId, participantId };
  }

  private make(kind: string, id: string): string {
    return `${this.connectionId}:${kind}:${encodeURIComponent(id)}`;
  }

  private single(kind: string, id: string, what: string): string {
    const rest = this.rest(kind, id, what);
    const decoded = rest.includes(':') ? undefined : safeDecode(rest);
    if (!decoded) throw unknownRecord(what);
    return decoded;
  }

  private rest(kind: string, id: string, what: string): string {
    const prefix = `${this.connectionId}:${kind}:`;
    if (!id.startsWith(prefix)) throw unknownRecord(what);
    return id.slice(prefix.length);
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function unknownRecord(what: string): ProviderError {
  const code = what === 'booking' ? 'booking_not_known' : what === 'member' ? 'member_not_known' : what === 'class' ? 'class_not_known' : 'record_not_known';
  return new ProviderError({ code }, false, 'invalid_input');
}
