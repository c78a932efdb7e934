import { join } from 'node:path';
import type { Clock } from './clock';
import { openCore, type Core } from './core';
import { SealedFileCredentialStore, type CredentialStore, type SecretCipher } from './credentials/credential-store';
import { openLogFile } from './logs/log-file';
import { DataFileError } from './storage/data-files';
import { Redactor } from './logs/redaction';
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
  /** Secrets of the host itself that must never reach a log (browser mode's access token). */
  secrets?: string[];
  /** Versions the host knows and plain Node does not (Electron, Chromium), for diagnostics. */
  versions?: Record<string, string | undefined>;
  /** Where log lines go besides the file; the console by default. */
  echo?: (line: string) => void;
}

/**
 * The core as every host runs it: keys sealed by the host's cipher, the demo studio standing in
 * until a real connection exists, and its log written, redacted, to `<dataDir>/logs/classdesk.log`.
 * One place, so the desktop app and `npm run web` cannot drift.
 */
export async function openDeskCore(host: DeskCoreHost): Promise<Core> {
  const { dataDir, clock } = host;
  const redactor = new Redactor(host.secrets);
  const logFile = openLogFile({ dir: join(dataDir, 'logs'), redactor, echo: host.echo, now: clock });
  const credentials = rememberKeys(new SealedFileCredentialStore(join(dataDir, host.credentialsFile), host.cipher), redactor);
  try {
    const core = await openCore({
      dataDir,
      clock,
      credentials,
      fallbackProviders: [await openDemoStudio({ dataDir, clock })],
      log: logFile.log,
      diagnostics: { recentLog: () => logFile.recentLines(), redact: (text) => redactor.redact(text), versions: host.versions },
    });
    return {
      handle: (command, input) => core.handle(command, input),
      subscribe: (listener) => core.subscribe(listener),
      close: async () => {
        await core.close();
        await logFile.close();
      },
    };
  } catch (error) {
    // A damaged data file's message says all there is (which file, what to do); a stack would only bury it.
    if (error instanceof DataFileError) logFile.log(error.message);
    else logFile.log('Classdesk could not open its core', error);
    await logFile.close();
    throw error;
  }
}

/** Every key that passes through the store is one the log must never show, whichever way it went. */
function rememberKeys(store: CredentialStore, redactor: Redactor): CredentialStore {
  return {
    read: async (name) => {
      const secret = await store.read(name);
      redactor.remember(secret);
      return secret;
    },
    write: async (name, secret) => {
      redactor.remember(secret);
      await store.write(name, secret);
    },
    remove: (name) => store.remove(name),
  };
}
