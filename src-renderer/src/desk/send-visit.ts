import type { TFunction } from 'i18next';
import type { DeskApi } from '../../../src-shared/contract';
import type { DeskAction } from '../../../src-shared/domain';
import { rememberDeskAction } from '../data/desk-actions';
import type { DeskDatabase } from '../data/db';
import { describeActionError } from '../i18n/action-words';
import { errorMessage } from '../i18n/words';
import { describeVisit } from '../screens/check-in/wellhub-visit';
import type { DeskMessage } from '../store';

export interface VisitAnswer {
  /** As the core answered it; none when it could not be asked. */
  action: DeskAction | undefined;
  message: DeskMessage;
}

/**
 * Validates a Wellhub visit (the check-in bar's Alt+W and the requests list both send it this way):
 * a fresh action id, the action mirrored into Dexie at once for the Activity screen, the answer in words.
 */
export async function sendVisit(desk: DeskApi, db: DeskDatabase, t: TFunction, connectionId: string, visitorId: string): Promise<VisitAnswer> {
  try {
    const action = await desk.validateVisit({ actionId: crypto.randomUUID(), connectionId, visitorId });
    await rememberDeskAction(db, action);
    return { action, message: describeVisit(t, action, visitorId) };
  } catch (error) {
    return { action: undefined, message: errorMessage(describeActionError(t, error), error) };
  }
}
