import { PendingVisit } from '../../../src-shared/domain';
import type { WellhubProvider } from '../providers/wellhub/wellhub-provider';
import type { DeskStore } from '../store/desk-store';

/**
 * A visit the desk validated stays on the list as done (`validatedAt`) until its window runs out, so a
 * second receptionist sees it needs nothing more. Written in its own transaction right after the
 * validate_visit action settled; the core publishes both together.
 */
export function keepVisitValidated(store: DeskStore, wellhub: WellhubProvider, wellhubId: string, at: string): boolean {
  const visit = wellhub.visitValidated(wellhubId, at);
  if (!visit?.validatedAt) return false;
  const stored = store.get('visits', visit.id);
  if (!stored || stored.validatedAt) return false;
  const row = PendingVisit.parse({ ...stored, validatedAt: visit.validatedAt, updatedAt: visit.validatedAt });
  return store.write((change) => change.put('visits', row));
}
