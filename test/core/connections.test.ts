import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection, ConnectionTestResult } from '../../src-shared/connections';
import type { DeskEvent } from '../../src-shared/contract';
import { Snapshot } from '../../src-shared/contract';
import { openCore, type Core } from '../../src-main/core/core';
import { ProviderError } from '../../src-main/core/provider-error';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { value } from '../support/command-answer';

const apiKey = 'zk-live-4f1c9a7e1b2d';
const now = new Date('2026-11-23T09:00:00.000Z');
const opened: Core[] = [];
/** Studios the test's provider factory built, by connection id, with the key each was given. */
let built: Map<string, { studio: ScriptedStudio; apiKey: string }>;

async function start(dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'classdesk-connections-')));
  built = new Map();
  const logs: string[] = [];
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: [new ScriptedStudio(now, 'demo')],
    createProvider: (_kind, context) => {
      if (!context.settings.scopeId) throw new ProviderError({ code: 'settings_center_missing' }, false, 'invalid_settings');
      const studio = new ScriptedStudio(now, context.settings.id);
      // Like Zenoti and Wellhub: the provider is built, but says its settings cannot work.
      if (!context.settings.timeZone) Object.assign(studio, { settingsProblem: { code: 'settings_time_zone_missing', params: { provider: 'Zenoti' } } });
      built.set(context.settings.id, { studio, apiKey: context.apiKey });
      return studio;
    },
    clock: () => now,
    syncIntervalMs: 0,
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`),
  });
  opened.push(core);
  const events: DeskEvent[] = [];
  core.subscribe((event) => events.push(event));
  return { core, dir, events, logs };
}


const settings = { id: 'zenoti-main', provider: 'zenoti', label: 'Zenoti Main', scopeId: 'center-1', timeZone: 'UTC' };

afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

describe('connections', () => {
  it('shows the demo studio until a connection is added, then only the connection', async () => {
    const { core } = await start();
    const before = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    expect(new Set(before.records.sessions.map((s) => s.connectionId))).toEqual(new Set(['demo']));
    expect(Object.keys(value<object>(await core.handle('listCapabilities', {})))).toEqual(['demo']);
    const saved = Connection.parse(value(await core.handle('saveConnection', { settings, apiKey })));
    expect(saved).toMatchObject({ id: 'zenoti-main', hasApiKey: true });
    await core.handle('syncNow', {});
    const after = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    expect(new Set(after.records.sessions.map((s) => s.connectionId))).toEqual(new Set(['zenoti-main']));
    expect(built.get('zenoti-main')?.apiKey).toBe(apiKey);
    expect(Object.keys(value<object>(await core.handle('listCapabilities', {})))).toEqual(['zenoti-main']);
    await core.handle('removeConnection', { id: 'zenoti-main' });
    await core.handle('syncNow', {});
    const removed = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    expect(new Set(removed.records.sessions.map((s) => s.connectionId))).toEqual(new Set(['demo']));
  });

  it('keeps the key in the credential store only, sealed, and never hands it back', async () => {
    const { core, dir, events, logs } = await start();
    const outputs = [
      await core.handle('saveConnection', { settings, apiKey }),
      await core.handle('listConnections', {}),
      await core.handle('testConnection', { id: 'zenoti-main' }),
      await core.handle('syncNow', {}),
      await core.handle('getSnapshot', {}),
    ];
    built.get('zenoti-main')!.studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Zenoti did not accept the API key.' } }, false, 'unauthorized');
    outputs.push(await core.handle('syncNow', {}), await core.handle('listConnections', {}));
    const everything = JSON.stringify({ outputs, events, logs }) + (await readFile(join(dir, 'connections.json'), 'utf8'));
    expect(everything).not.toContain(apiKey);
    const sealed = await readFile(join(dir, 'credentials.json'), 'utf8');
    expect(sealed).not.toContain(apiKey);
    expect(await testCredentials(dir).read('connection:zenoti-main')).toBe(apiKey);
  });

  it('reopens saved connections with their stored key after a restart', async () => {
    const first = await start();
    await first.core.handle('saveConnection', { settings, apiKey });
    await first.core.close();
    opened.splice(opened.indexOf(first.core), 1);
    const again = await start(first.dir);
    const list = value<Connection[]>(await again.core.handle('listConnections', {}));
    expect(list.map((c) => c.id)).toEqual(['zenoti-main']);
    expect(built.get('zenoti-main')?.apiKey).toBe(apiKey);
  });

  it('keeps the stored key when settings change without a new one', async () => {
    const { core } = await start();
    await core.handle('saveConnection', { settings, apiKey });
    await core.handle('saveConnection', { settings: { ...settings, label: 'Zenoti Front' } });
    expect(built.get('zenoti-main')?.apiKey).toBe(apiKey);
    expect(value<Connection[]>(await core.handle('listConnections', {}))[0]?.label).toBe('Zenoti Front');
  });

  it('refuses incomplete or invalid settings, storing nothing', async () => {
    const { core, dir } = await start();
    const noKey = await core.handle('saveConnection', { settings });
    expect(noKey).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'api_key_missing' } } });
    const noCenter = await core.handle('saveConnection', { settings: { ...settings, scopeId: undefined }, apiKey });
    expect(noCenter).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'settings_center_missing' } } });
    const noZone = await core.handle('saveConnection', { settings: { ...settings, timeZone: undefined }, apiKey });
    expect(noZone).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'settings_time_zone_missing', params: { provider: 'Zenoti' } } } });
    const badId = await core.handle('saveConnection', { settings: { ...settings, id: '../etc' }, apiKey });
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badProvider = await core.handle('saveConnection', { settings: { ...settings, provider: 'mindbody' }, apiKey });
    expect(badProvider).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect(readFile(join(dir, 'connections.json'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('tests a connection and reports health in plain words', async () => {
    const { core, events } = await start();
    await core.handle('saveConnection', { settings, apiKey });
    expect(ConnectionTestResult.parse(value(await core.handle('testConnection', { id: 'zenoti-main' })))).toEqual({
      ok: true,
      message: { code: 'connection_ok', params: { name: 'Zenoti Main' } },
    });
    await core.handle('syncNow', {});
    const keyRefused = { code: 'provider_key_refused', params: { provider: 'Zenoti' } } as const;
    built.get('zenoti-main')!.studio.failure = new ProviderError(keyRefused, false, 'unauthorized');
    expect(value(await core.handle('testConnection', { id: 'zenoti-main' }))).toEqual({ ok: false, message: keyRefused });
    await core.handle('syncNow', {});
    const [connection] = value<Connection[]>(await core.handle('listConnections', {}));
    expect(connection?.health).toMatchObject({ state: 'failing', lastError: keyRefused });
    const pushed = events.filter((e) => e.name === 'connections');
    expect(pushed.at(-1)?.payload).toEqual([connection]);
    // The failing connection keeps its last good data.
    const snapshot = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    expect(snapshot.records.sessions.length).toBeGreaterThan(0);
  });
});
