import { join } from 'node:path';
import type { Clock } from './clock';
import { openCore, type Core } from './core';
import { SealedFileCredentialStore, type SecretCipher } from './credentials/credential-store';
import { openDemoStudio } from './providers/demo/demo-studio';

/** What differs between the hosts of the core: the Electron shell and browser mode. */
export interface DeskCoreHost {
  /** Electron: the user-data folder; browser mode: --data-dir. */
  dataDir: string;
  clock: Clock;
  /** How API keys are sealed at rest: the OS keychain in Electron, a 0600 file in browser mode. */
  cipher: SecretCipher;
  /** The keys' file in the data directory; named per cipher so one never reads the other's file. */
  credentialsFile: string;
}

/**
 * The core as every host runs it: keys sealed by the host's cipher and the demo studio standing
 * in until a real connection exists. One place, so the desktop app and `npm run web` cannot drift.
 */
export async function openDeskCore(host: DeskCoreHost): Promise<Core> {
  const { dataDir, clock } = host;
  const credentials = new SealedFileCredentialStore(join(dataDir, host.credentialsFile), host.cipher);
  return openCore({ dataDir, clock, credentials, fallbackProviders: [await openDemoStudio({ dataDir, clock })] });
}
