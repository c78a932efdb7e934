import type { Logger } from 'pino';
import type { RelayConfig } from './config.ts';
import { openStore } from './database.ts';
import { createDeskToken, isGymId, listGyms, revokeDeskToken, saveGym } from './gyms.ts';
import { loadSecretBox } from './secret-box.ts';

/**
 * The relay's admin commands (same database settings as the server). Secrets may
 * come from the environment instead of flags, so they stay out of shell history.
 */

export class UsageError extends Error {}

export const commandUsage = `Commands (npm run relay -- <command> [options]; same DATABASE_URL / --data-dir as the server):
  add-gym --gym ID --name NAME [--webhook-secret S] [--wellhub-token T]
        adds a gym or changes it; the secret and token may come from WELLHUB_WEBHOOK_SECRET / WELLHUB_TOKEN
  create-desk-token --gym ID [--label TEXT]   prints a new desk token (shown once)
  revoke-desk-token --desk DESK-ID
  list-gyms`;

export type CommandOptions = { gym?: string; name?: string; 'webhook-secret'?: string; 'wellhub-token'?: string; label?: string; desk?: string };

export async function runCommand(command: string, options: CommandOptions, config: RelayConfig, env: NodeJS.ProcessEnv, log: Logger, print: (line: string) => void): Promise<void> {
  const store = await openStore(config.database, log);
  try {
    switch (command) {
      case 'add-gym': {
        const gym = required(options.gym, '--gym');
        if (!isGymId(gym)) throw new UsageError(`--gym must be Wellhub's numeric gym id, not "${gym}"`);
        const webhookSecret = options['webhook-secret'] ?? env['WELLHUB_WEBHOOK_SECRET'];
        if (!webhookSecret) throw new UsageError('add-gym needs the webhook secret: --webhook-secret or WELLHUB_WEBHOOK_SECRET');
        if (webhookSecret.length > 100) throw new UsageError('Wellhub accepts webhook secrets of at most 100 characters');
        const wellhubToken = options['wellhub-token'] ?? env['WELLHUB_TOKEN'];
        const box = await loadSecretBox(config);
        await saveGym(store.db, box, { id: gym, name: options.name ?? `Gym ${gym}`, webhookSecret, ...(wellhubToken ? { wellhubToken } : {}) });
        print(`Gym ${gym} saved${wellhubToken ? ' with its Wellhub token' : ' (no Wellhub token: the relay cannot answer requests for it)'}.`);
        print(`Register this webhook URL with Wellhub: https://<your relay host>/wellhub/webhooks/${gym}`);
        return;
      }
      case 'create-desk-token': {
        const gym = required(options.gym, '--gym');
        const { deskId, token } = await createDeskToken(store.db, gym, options.label ?? 'desk').catch((error: unknown) => {
          throw new UsageError(error instanceof Error ? error.message : String(error));
        });
        print(`Desk ${deskId} for gym ${gym}. Its token (shown once; enter it in Classdesk → Connections → Wellhub → Relay):`);
        print(token);
        return;
      }
      case 'revoke-desk-token': {
        const desk = required(options.desk, '--desk');
        print((await revokeDeskToken(store.db, desk)) ? `Desk ${desk} can no longer connect.` : `No active desk ${desk}.`);
        return;
      }
      case 'list-gyms': {
        for (const gym of await listGyms(store.db)) {
          print(`${gym.id}\t${gym.name}\tevents ${gym.last_seq}\tdesks ${gym.desks}\t${gym.has_wellhub_token ? 'token set' : 'no token'}`);
        }
        return;
      }
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } finally {
    await store.close();
  }
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}
