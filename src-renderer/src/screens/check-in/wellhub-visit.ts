import type { TFunction } from 'i18next';
import type { Capabilities } from '../../../../src-shared/connections';
import type { DeskAction, Location } from '../../../../src-shared/domain';
import type { DeskMessage } from '../../store';
import { wordMessage } from '../../i18n/message-words';

/** A Wellhub id is exactly 13 digits. */
export function isWellhubId(text: string): boolean {
  return /^\d{13}$/.test(text);
}

/** The connection that validates Wellhub visits here: the location's own if it can, else the first that can. */
export function visitConnection(
  capabilities: Record<string, Capabilities> | undefined,
  location: Location | undefined,
): string | undefined {
  const able = Object.entries(capabilities ?? {})
    .filter(([, can]) => can.validateVisit)
    .map(([connectionId]) => connectionId);
  return able.find((connectionId) => connectionId === location?.connectionId) ?? able[0];
}

/** What Wellhub said about a visit, in plain words: its own answer when it has one. */
export function describeVisit(t: TFunction, action: DeskAction, visitorId: string): DeskMessage {
  switch (action.state) {
    case 'confirmed':
      return { tone: 'success', text: action.outcome ? wordMessage(t, action.outcome, { saidAtMs: Date.parse(action.updatedAt) }) : t('checkIn.visitValid', { visitorId }) };
    case 'accepted':
      return { tone: 'info', text: t('checkIn.visitQueued', { visitorId }) };
    case 'rejected':
    case 'needs_attention':
      return {
        tone: 'error',
        text: action.error
          ? t('checkIn.visitRefused', { visitorId, reason: wordMessage(t, action.error, { saidAtMs: Date.parse(action.updatedAt) }) })
          : t('checkIn.visitRefusedNoReason', { visitorId }),
      };
  }
}
