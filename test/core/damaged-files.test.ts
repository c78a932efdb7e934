import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Hello } from '../../src-shared/contract';
import { openCore, type Core } from '../../src-main/core/core';
import { SealedFileCredentialStore, unencryptedDevelopmentCipher } from '../../src-main/core/credentials/credential-store';
import { DataFileError } from '../../src-main/core/storage/data-files';
import { readJsonFile } from '../../src-main/core/storage/json-file';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { value } from '../support/command-answer';

const now = new Date('2026-11-23T09:00:00.000Z');
const opened: Core[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

const dataDir = () => mkdtemp(join(tmpdir(), 'classdesk-damaged-'));

async function start(dir: string): Promise<Core> {
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: [new ScriptedStudio(now, 'demo')],
    createProvider: (_kind, context) => new ScriptedStudio(now, context.settings.id),
    clock: () => now,
    syncIntervalMs: 0,
    log: () => {},
  });
  opened.push(core);
  return core;
}

/** What a thrown error says; fails the test when nothing is thrown. */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an error');
}

describe('damaged files in the data directory', () => {
  it('sets a damaged desk.json aside and starts with defaults, saying so', async () => {
    const told = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const damaged of ['{"locationId": "berl', '{"locationId": 42}', '']) {
      const dir = await dataDir();
      await writeFile(join(dir, 'desk.json'), damaged);
      const core = await start(dir);
      // The desk answers, on the default location (none chosen yet).
      expect(Hello.parse(value(await core.handle('hello', {}))).deskLocationId).toBeUndefined();
      const files = await readdir(dir);
      const aside = files.find((name) => /^desk\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/.test(name));
      expect(aside, damaged).toBeDefined();
      expect(await readFile(join(dir, aside!), 'utf8')).toBe(damaged);
      expect(told).toHaveBeenCalledWith(expect.stringMatching(/desk\.json, which holds which location this desk serves, .*set aside as .*desk\.json\.corrupt-/));
    }
  });

  it('refuses a damaged connections.json by name and leaves it as it is', async () => {
    const dir = await dataDir();
    const path = join(dir, 'connections.json');
    await writeFile(path, '{"connections": [');
    const error = await failureOf(start(dir));
    expect(error).toBeInstanceOf(DataFileError);
    expect(error.message).toContain(path);
    expect(error.message).toContain('the settings of your connections');
    expect(error.message).toContain('left it as it is');
    expect(await readFile(path, 'utf8')).toBe('{"connections": [');
  });

  it('names a damaged key file and what to do, without quoting what is in it', async () => {
    const dir = await dataDir();
    const path = join(dir, 'credentials.dev.json');
    const damaged = '{"scheme":"plain-0600-development-only","secrets":{"connection:zen":"zk-live-SECRET';
    await writeFile(path, damaged);
    const error = await failureOf(new SealedFileCredentialStore(path, unencryptedDevelopmentCipher).read('connection:zen'));
    expect(error.message).toMatch(/^Classdesk cannot use .*credentials\.dev\.json, which holds the API keys of your connections/);
    expect(error.message).toContain('enter the API keys again in Connections');
    expect(error.message).not.toContain('SECRET');
    expect(await readFile(path, 'utf8')).toBe(damaged);
    expect(await readdir(dir)).toEqual(['credentials.dev.json']);
  });

  it('says which field of a readable file does not fit', async () => {
    const dir = await dataDir();
    const path = join(dir, 'credentials.json');
    await writeFile(path, JSON.stringify({ scheme: 'x', secrets: { a: 1 } }));
    const error = await failureOf(readJsonFile(path, z.object({ scheme: z.string(), secrets: z.record(z.string(), z.string()) })));
    expect(error.message).toContain('does not hold what Classdesk expects (secrets.a:');
  });

  it("sets the demo studio's own file aside too, and reports through the caller's hook when it gives one", async () => {
    const dir = await dataDir();
    const path = join(dir, 'demo-studio.json');
    await writeFile(path, 'not json');
    const told: string[] = [];
    const read = await readJsonFile(path, z.object({}), { onSetAside: (message) => told.push(message), now: () => now });
    expect(read).toBeUndefined();
    expect(await readdir(dir)).toEqual(['demo-studio.json.corrupt-2026-11-23T09-00-00-000Z']);
    expect(told).toEqual([expect.stringContaining('is not valid JSON')]);
  });
});
