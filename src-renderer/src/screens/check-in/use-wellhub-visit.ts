import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../../src-shared/domain';
import { useDb, useDesk } from '../../desk/desk-context';
import { sendVisit } from '../../desk/send-visit';
import type { DeskMessage } from '../../store';
import { useCapabilities } from '../../desk/use-capabilities';
import { visitConnection } from './wellhub-visit';

/**
 * Validating a member's visit by their Wellhub id, where a connected system
 * can (validateVisit). The answer is told in words; the action goes to Dexie
 * at once so the Activity screen shows it.
 */
export function useWellhubVisit(location: Location | undefined, tell: (message: DeskMessage) => void) {
  const { t } = useTranslation();
  const db = useDb();
  const desk = useDesk();
  const connectionId = visitConnection(useCapabilities(), location);

  const validate = useCallback(
    async (visitorId: string): Promise<void> => {
      if (!connectionId) {
        tell({ tone: 'warning', text: t('checkIn.noWellhub') });
        return;
      }
      tell((await sendVisit(desk, db, t, connectionId, visitorId)).message);
    },
    [connectionId, db, desk, t, tell],
  );

  return { available: connectionId !== undefined, validate };
}
