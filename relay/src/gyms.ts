import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RelayDatabase } from './schema.ts';
import type { SecretBox } from './secret-box.ts';

/**
 * Gyms (Wellhub gym id, webhook secret, Wellhub token) and the desk tokens that
 * let a gym's desks connect. A desk token is shown once when it is made and only
 * its SHA-256 is kept: a stolen database holds no usable desk token.
 */

export interface GymInput {
  id: string;
  name: string;
  webhookSecret: string;
  wellhubToken?: string;
}

export function isGymId(id: string): boolean {
  return /^\d{1,18}$/.test(id);
}

/** Adds the gym, or changes its name, secret and (when given) token. */
export async function saveGym(db: Kysely<RelayDatabase>, box: SecretBox, gym: GymInput): Promise<void> {
  const values = {
    id: gym.id,
    name: gym.name,
    webhook_secret: box.seal(gym.webhookSecret),
    ...(gym.wellhubToken !== undefined ? { wellhub_token: box.seal(gym.wellhubToken) } : {}),
  };
  await db
    .insertInto('gyms')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, id: undefined }))
    .execute();
}

export async function listGyms(db: Kysely<RelayDatabase>) {
  return db
    .selectFrom('gyms')
    .leftJoin('desk_tokens', (join) => join.onRef('desk_tokens.gym_id', '=', 'gyms.id').on('desk_tokens.revoked_at', 'is', null))
    .select(({ fn }) => ['gyms.id', 'gyms.name', 'gyms.last_seq', fn.count<number>('desk_tokens.id').as('desks')])
    .select((eb) => eb('gyms.wellhub_token', 'is not', null).as('has_wellhub_token'))
    .groupBy(['gyms.id', 'gyms.name', 'gyms.last_seq', 'gyms.wellhub_token'])
    .orderBy('gyms.id')
    .execute();
}

/**
 * The gym's secrets, opened. Webhooks ask for them on every delivery, so they are
 * kept in memory for a short while; a changed secret is seen within `ttlMs`.
 */
export function gymSecrets(db: Kysely<RelayDatabase>, box: SecretBox, ttlMs = 10_000) {
  const cache = new Map<string, { at: number; value: { webhookSecret: string; wellhubToken?: string } | undefined }>();
  return async (gymId: string) => {
    const cached = cache.get(gymId);
    if (cached && Date.now() - cached.at < ttlMs) return cached.value;
    const row = await db.selectFrom('gyms').select(['webhook_secret', 'wellhub_token']).where('id', '=', gymId).executeTakeFirst();
    const value = row ? { webhookSecret: box.open(row.webhook_secret), ...(row.wellhub_token ? { wellhubToken: box.open(row.wellhub_token) } : {}) } : undefined;
    if (cache.size > 10_000) cache.clear();
    cache.set(gymId, { at: Date.now(), value });
    return value;
  };
}
export type GymSecrets = ReturnType<typeof gymSecrets>;

export function hashDeskToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createDeskToken(db: Kysely<RelayDatabase>, gymId: string, label: string): Promise<{ deskId: string; token: string }> {
  const gym = await db.selectFrom('gyms').select('id').where('id', '=', gymId).executeTakeFirst();
  if (!gym) throw new Error(`There is no gym ${gymId}; add it first with add-gym.`);
  const deskId = `desk_${randomBytes(6).toString('hex')}`;
  const token = `cdr_${randomBytes(32).toString('base64url')}`;
  await db.insertInto('desk_tokens').values({ id: deskId, gym_id: gymId, token_hash: hashDeskToken(token), label }).execute();
  return { deskId, token };
}

export async function revokeDeskToken(db: Kysely<RelayDatabase>, deskId: string): Promise<boolean> {
  const result = await db.updateTable('desk_tokens').set({ revoked_at: new Date() }).where('id', '=', deskId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deskForToken(db: Kysely<RelayDatabase>, token: string) {
  return db
    .selectFrom('desk_tokens')
    .select(['id', 'gym_id', 'acked_seq'])
    .where('token_hash', '=', hashDeskToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
