import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.ts';
import { loadSecretBox, parseKey, secretBox, SecretKeyError } from '../src/secret-box.ts';

/** Configuration from the environment (zod), the secret key, and one-line start errors. */

describe('relay configuration', () => {
  it('defaults to PGlite on 127.0.0.1:8787 with a 10-minute fallback and 15-minute deadline', () => {
    const config = readConfig({ HOME: '/home/desk' });
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', fallbackDelayMs: 600_000, wellhubDeadlineMs: 900_000, database: { kind: 'pglite' } });
    expect(readConfig({}, { port: '0', dataDir: '/srv/relay' })).toMatchObject({ port: 0, database: { kind: 'pglite', dataDir: '/srv/relay' } });
    expect(readConfig({ DATABASE_URL: 'postgres://relay@db/relay' }).database).toEqual({ kind: 'postgres', url: 'postgres://relay@db/relay' });
  });

  it('names the first wrong value', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: '70000' })).toThrow('PORT: must be a port number (0–65535)');
    expect(() => readConfig({ FALLBACK_DELAY_MS: 'soon' })).toThrow('FALLBACK_DELAY_MS: must be a number of milliseconds');
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL: must start with postgres/);
    expect(() => readConfig({ FALLBACK_DELAY_MS: '900000', WELLHUB_DEADLINE_MS: '900000' })).toThrow(/must be shorter than WELLHUB_DEADLINE_MS/);
  });

  it('requires RELAY_SECRET_KEY with a Postgres server, and makes a 0600 key file for PGlite', async () => {
    await expect(loadSecretBox({ database: { kind: 'postgres', url: 'postgres://x' } })).rejects.toThrow(SecretKeyError);
    const dataDir = mkdtempSync(join(tmpdir(), 'relay-key-'));
    const first = await loadSecretBox({ database: { kind: 'pglite', dataDir } });
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const again = await loadSecretBox({ database: { kind: 'pglite', dataDir } });
    expect(again.open(first.seal('wellhub-token'))).toBe('wellhub-token');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seals secrets so a different key cannot open them', () => {
    const sealed = secretBox(parseKey('11'.repeat(32))).seal('wellhub-token');
    expect(sealed).not.toContain('wellhub-token');
    expect(() => secretBox(parseKey('22'.repeat(32))).open(sealed)).toThrow(/cannot be opened/);
    expect(() => parseKey('too-short')).toThrow(SecretKeyError);
  });

  it('says a bad start in one line with the usage, without a stack trace', () => {
    const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const result = spawnSync(process.execPath, [main, '--port', 'abc'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('PORT: must be a port number (0–65535)');
    expect(result.stderr).toContain('Usage: npm run relay');
    expect(result.stderr).not.toContain('    at ');
  });
});
