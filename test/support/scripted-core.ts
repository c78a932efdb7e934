import type { Clock } from '../../src-main/core/clock';
import { openCore, type Core } from '../../src-main/core/core';
import type { Provider } from '../../src-main/core/providers/provider';
import { testCredentials } from './test-credentials';

/**
 * A real core on `dataDir` serving one test provider as its only system (the way the demo studio
 * is served), with timers off so the test drives every sync. Log lines go to `logs` when given.
 */
export function openScriptedCore(dataDir: string, studio: Provider, clock: Clock, logs?: string[]): Promise<Core> {
  return openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [studio],
    clock,
    syncIntervalMs: 0,
    log: (message) => logs?.push(message),
  });
}
