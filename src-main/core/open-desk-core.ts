import { join } from 'node:path';
import type { DeskEvent } from '../../src-shared/contract';
import type { EffectiveSettings } from '../../src-shared/settings';
import type { Clock } from './clock';
import { openCore, type SettingsCore } from './core';
import { SealedFileCredentialStore, type CredentialStore, type SecretCipher } from './credentials/credential-store';
import { openLogFile } from './logs/log-file';
import { DataFileError } from './storage/data-files';
import { Redactor } from './logs/redaction';
import { openDemoStudio } from './providers/demo/demo-studio';
import { machineConfigDir } from './settings/config-folder';
import { removeLocalData } from './settings/local-data-wipe';

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
  /** IT's machine-wide folder (config.json, policy.json); by default the platform's, or CLASSDESK_CONFIG_DIR. */
  configDir?: string;
}

/** The core as a host holds it: its settings, and its log for what the host itself has to say. */
export type DeskCore = SettingsCore & {
  /** One line in the desk's log file (redacted like the core's own), e.g. the shell's updates. */
  log(message: string, error?: unknown): void;
};

/**
 * The core as every host runs it: keys sealed by the host's cipher, the demo studio standing in
 * until a real connection exists, settings layered from IT's machine-wide files, and its log
 * written, redacted, to `<dataDir>/logs/classdesk.log`. One place, so the desktop app and
 * `npm run web` cannot drift. "Wipe this desk's local data" closes the core, removes its files
 * and opens a fresh one behind the same object, so the host and every page keep their link.
 */
export async function openDeskCore(host: DeskCoreHost): Promise<DeskCore> {
  const { dataDir, clock } = host;
  const redactor = new Redactor(host.secrets);
  const logFile = openLogFile({ dir: join(dataDir, 'logs'), redactor, echo: host.echo, now: clock });
  const configDir = host.configDir ?? machineConfigDir();
  const eventListeners = new Set<(event: DeskEvent) => void>();
  const settingsListeners = new Set<(settings: EffectiveSettings) => void>();

  const open = async () => {
    const core = await openCore({
      dataDir,
      clock,
      credentials: rememberKeys(new SealedFileCredentialStore(join(dataDir, host.credentialsFile), host.cipher), redactor),
      fallbackProviders: [await openDemoStudio({ dataDir, clock })],
      configDir,
      wipeLocalData: () => wipe(),
      log: logFile.log,
      diagnostics: { recentLog: () => logFile.recentLines(), redact: (text) => redactor.redact(text), versions: host.versions },
    });
    const offEvents = core.subscribe((event) => eventListeners.forEach((listener) => listener(event)));
    const offSettings = core.onSettings((settings) => settingsListeners.forEach((listener) => listener(settings)));
    return { core, detach: () => (offEvents(), offSettings()) };
  };

  let current: Awaited<ReturnType<typeof open>>;
  try {
    current = await open();
  } catch (error) {
    // A damaged data file's message says all there is (which file, what to do); a stack would only bury it.
    if (error instanceof DataFileError) logFile.log(error.message);
    else logFile.log('Classdesk could not open its core', error);
    await logFile.close();
    throw error;
  }
  /** Set while a wipe runs: commands wait for the fresh core instead of reaching the closed one. */
  let wiping: Promise<void> | undefined;

  async function wipe(): Promise<void> {
    const done = (async () => {
      const old = current;
      old.detach();
      await old.core.close();
      const removed = await removeLocalData(dataDir, host.credentialsFile);
      logFile.log(`Wiped this desk's local data at the desk's request: ${removed.join(', ') || 'nothing was stored'}`);
      current = await open();
    })();
    wiping = done;
    try {
      await done;
    } finally {
      wiping = undefined;
    }
    // The fresh desk's settings (defaults and IT's files) reach every page and the host.
    const fresh = current.core.settings();
    eventListeners.forEach((listener) => listener({ name: 'settings', payload: fresh }));
    settingsListeners.forEach((listener) => listener(fresh));
  }

  return {
    handle: async (command, input) => {
      await wiping;
      return current.core.handle(command, input);
    },
    subscribe: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    settings: () => current.core.settings(),
    onSettings: (listener) => {
      settingsListeners.add(listener);
      return () => settingsListeners.delete(listener);
    },
    log: logFile.log,
    close: async () => {
      await wiping?.catch(() => undefined);
      await current.core.close();
      await logFile.close();
    },
  };
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
