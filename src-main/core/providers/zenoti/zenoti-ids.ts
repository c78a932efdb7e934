/**
 * Record ids for one Zenoti connection. Zenoti's desk paths need the class id
 * next to the session or registration id (`/v1/classes/{class_id}/registrations/{id}/sign_in`),
 * so the provider part of a session id is `<class id>.<session id>` and of a
 * booking id `<class id>.<session id>.<registration id>`: a desk action can be
 * sent from the id alone, even after a restart before the first sync.
 * Zenoti's ids are digits or GUIDs, never dots, so the parts never run together.
 */

export interface SessionKey {
  classId: string;
  sessionId: string;
}

export interface RegistrationKey extends SessionKey {
  registrationId: string;
}

const PART = '[0-9A-Za-z-]+';

export class ZenotiIds {
  private readonly sessionPattern: RegExp;
  private readonly bookingPattern: RegExp;
  private readonly memberPattern: RegExp;

  constructor(readonly connectionId: string) {
    const prefix = escape(connectionId);
    this.sessionPattern = new RegExp(`^${prefix}:session:(${PART})\\.(${PART})$`);
    this.bookingPattern = new RegExp(`^${prefix}:booking:(${PART})\\.(${PART})\\.(${PART})$`);
    this.memberPattern = new RegExp(`^${prefix}:member:(${PART})$`);
  }

  location(centerId: string): string {
    return `${this.connectionId}:location:${centerId}`;
  }

  instructor(instructorId: string): string {
    return `${this.connectionId}:instructor:${instructorId}`;
  }

  classType(classId: string): string {
    return `${this.connectionId}:class-type:${classId}`;
  }

  session({ classId, sessionId }: SessionKey): string {
    return `${this.connectionId}:session:${classId}.${sessionId}`;
  }

  booking({ classId, sessionId, registrationId }: RegistrationKey): string {
    return `${this.connectionId}:booking:${classId}.${sessionId}.${registrationId}`;
  }

  member(guestId: string): string {
    return `${this.connectionId}:member:${guestId}`;
  }

  sessionKey(id: string): SessionKey | undefined {
    const found = this.sessionPattern.exec(id);
    return found?.[1] && found[2] ? { classId: found[1], sessionId: found[2] } : undefined;
  }

  registrationKey(id: string): RegistrationKey | undefined {
    const found = this.bookingPattern.exec(id);
    return found?.[1] && found[2] && found[3] ? { classId: found[1], sessionId: found[2], registrationId: found[3] } : undefined;
  }

  guestId(memberId: string): string | undefined {
    return this.memberPattern.exec(memberId)?.[1];
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
