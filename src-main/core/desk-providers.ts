import type { Clock } from './clock';
import type { Provider } from './providers/provider';
import { openDemoStudio } from './providers/demo/demo-studio';

/**
 * The providers this desk talks to. With no real system connected yet, the
 * built-in demo studio stands in so a new desk shows a live schedule at once.
 */
export async function openDeskProviders({ dataDir, clock }: { dataDir: string; clock: Clock }): Promise<Provider[]> {
  return [await openDemoStudio({ dataDir, clock })];
}
