import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from '../../src-shared/connections';
import { openCore, type Core } from '../../src-main/core/core';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { value } from '../support/command-answer';

const now = new Date('2026-11-23T09:00:00.000Z');
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

async function start(dataDir: string) {
  const core = await openCore({
    dataDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [new ScriptedStudio(now, 'demo')],
    createProvider: (_kind, context) => new ScriptedStudio(now, context.settings.id),
    clock: () => now,
    syncIntervalMs: 0,
    log: () => {},
  });
  opened.push(core);
  return core;
}

const list = async (core: Core) => Connection.array().parse(value(await core.handle('listConnections', {})));

describe('connection settings as the core takes and keeps them', () => {
  it('saves an http:// connection to this PC with a warning, and refuses one to another host in clear words', async () => {
    const core = await start(await mkdtemp(join(tmpdir(), 'classdesk-saved-')));
    const local = { id: 'local', provider: 'whautomate', label: 'Local simulator', baseUrl: 'http://127.0.0.1:5391' };
    const saved = Connection.parse(value(await core.handle('saveConnection', { settings: local, apiKey: 'k-1' })));
    expect(saved.warnings).toEqual([{ code: 'connection_plain_http' }]);
    const remote = { ...local, id: 'remote', baseUrl: 'http://api.example.com' };
    const refused = await core.handle('saveConnection', { settings: remote, apiKey: 'k-1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'invalid_input', params: expect.objectContaining({ detail: expect.stringContaining('must start with https://') }) } } });
    const badKey = await core.handle('saveConnection', { settings: { ...local, id: 'bad-key' }, apiKey: 'k-1\r\nX-Evil: 1' });
    expect(badKey).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'invalid_input', params: expect.objectContaining({ detail: expect.stringContaining('Paste only the key') }) } } });
    expect((await list(core)).map((c) => c.id)).toEqual(['local']);
  });

  it('keeps a stored connection that a newer rule refuses, listed as failing without the bad field, and leaves unreadable entries in the file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'classdesk-saved-'));
    const stale = { id: 'old-zenoti', provider: 'zenoti', label: 'Zenoti', baseUrl: 'http://api.zenoti.example', scopeId: 'c-1', timeZone: 'UTC' };
    const nonsense = { what: 'no id here' };
    await writeFile(join(dataDir, 'connections.json'), JSON.stringify({ connections: [stale, nonsense] }));
    const core = await start(dataDir);
    const [listed] = await list(core);
    expect(listed).toMatchObject({ id: 'old-zenoti', scopeId: 'c-1', timeZone: 'UTC', health: { state: 'failing' } });
    expect(listed?.baseUrl).toBeUndefined();
    expect(listed?.health.lastError).toEqual({
      code: 'connection_settings_invalid',
      params: { detail: expect.stringContaining('baseUrl: The base URL must start with https://') },
    });
    const fresh = { id: 'fresh', provider: 'whautomate', label: 'Fresh' };
    value(await core.handle('saveConnection', { settings: fresh, apiKey: 'k-2' }));
    const file = JSON.parse(await readFile(join(dataDir, 'connections.json'), 'utf8')) as { connections: unknown[] };
    expect(file.connections).toContainEqual(nonsense);
    expect(file.connections).toContainEqual(expect.objectContaining({ id: 'fresh' }));
  });
});
