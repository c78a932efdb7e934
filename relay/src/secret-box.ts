import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RelayConfig } from './config.ts';

/**
 * Each gym's Wellhub token and webhook secret are kept in the database encrypted
 * (AES-256-GCM) under RELAY_SECRET_KEY, which lives outside the database: a copy
 * of the database (a backup, a leaked dump) does not let anyone act as the gym
 * at Wellhub or forge its webhooks. The embedded PGlite mode, meant for one
 * machine, makes a key file (0600) beside its data when no key is given.
 */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export class SecretKeyError extends Error {}

export async function loadSecretBox(config: Pick<RelayConfig, 'secretKey' | 'database'>): Promise<SecretBox> {
  if (config.secretKey) return secretBox(parseKey(config.secretKey));
  if (config.database.kind === 'postgres') {
    throw new SecretKeyError('RELAY_SECRET_KEY is required with DATABASE_URL (32 bytes, base64 or hex; e.g. `openssl rand -base64 32`).');
  }
  const file = join(config.database.dataDir, 'secret.key');
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined) return secretBox(parseKey(existing.trim()));
  const key = randomBytes(32);
  await writeFile(file, key.toString('base64'), { flag: 'wx', mode: 0o600 });
  return secretBox(key);
}

export function parseKey(text: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new SecretKeyError('RELAY_SECRET_KEY must be 32 bytes, written as base64 or 64 hex digits.');
  return key;
}

export function secretBox(key: Buffer): SecretBox {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new SecretKeyError('A stored secret is not in the expected form.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretKeyError('A stored secret cannot be opened with this RELAY_SECRET_KEY (was the key changed?).');
      }
    },
  };
}
