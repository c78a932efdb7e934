import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Snapshot } from '../../src-shared/contract';
import { openCore, type Core } from '../../src-main/core/core';
import { ScriptedStudio } from '../support/scripted-studio';
import { testCredentials } from '../support/test-credentials';
import { value } from '../support/command-answer';

/**
 * The demo studio and the demo's own Wellhub side (`npm run demo:wellhub`): a Wellhub connection marked
 * `demo` keeps the demo studio on the desk; a real one (no marker) sends it away as any connection does;
 * and the marker cannot keep demo classes beside a real system (refused off this PC, and meaningless
 * when a hand-edited file puts it there).
 */

const now = new Date('2026-11-23T09:00:00.000Z');
const opened: Core[] = [];

async function start(dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'classdesk-demo-side-')));
  const core = await openCore({
    dataDir: dir,
    credentials: testCredentials(dir),
    fallbackProviders: [new ScriptedStudio(now, 'demo')],
    createProvider: (_kind, context) => new ScriptedStudio(now, context.settings.id),
    clock: () => now,
    syncIntervalMs: 0,
    log: () => undefined,
  });
  opened.push(core);
  return { core, dir };
}

const demoWellhub = {
  id: 'wellhub-demo',
  provider: 'wellhub',
  label: 'Wellhub (demo)',
  baseUrl: 'http://127.0.0.1:4010',
  scopeId: '4711',
  timeZone: 'Europe/Berlin',
  relayUrl: 'http://127.0.0.1:8787',
  demo: true,
};

async function shownConnections(core: Core): Promise<Set<string>> {
  await core.handle('syncNow', {});
  const snapshot = Snapshot.parse(value(await core.handle('getSnapshot', {})));
  return new Set(snapshot.records.sessions.map((s) => s.connectionId));
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

describe('the demo studio beside the demo’s Wellhub side', () => {
  it('stays beside a demo-marked Wellhub connection, also after a restart', async () => {
    const { core, dir } = await start();
    value(await core.handle('saveConnection', { settings: demoWellhub, apiKey: 'sim-token' }));
    expect(await shownConnections(core)).toEqual(new Set(['demo', 'wellhub-demo']));
    expect(Object.keys(value<object>(await core.handle('listCapabilities', {}))).sort()).toEqual(['demo', 'wellhub-demo']);
    await core.close();
    opened.splice(opened.indexOf(core), 1);
    const again = await start(dir);
    expect(await shownConnections(again.core)).toEqual(new Set(['demo', 'wellhub-demo']));
  });

  it('steps aside for a real Wellhub connection (no marker) and for any real system beside the demo one', async () => {
    const { core } = await start();
    const { demo: _marker, ...real } = demoWellhub;
    value(await core.handle('saveConnection', { settings: { ...real, id: 'wellhub-real' }, apiKey: 'token' }));
    expect(await shownConnections(core)).toEqual(new Set(['wellhub-real']));
    value(await core.handle('removeConnection', { id: 'wellhub-real' }));
    value(await core.handle('saveConnection', { settings: demoWellhub, apiKey: 'sim-token' }));
    value(await core.handle('saveConnection', { settings: { id: 'zenoti-main', provider: 'zenoti', label: 'Zenoti', scopeId: 'c1', timeZone: 'UTC' }, apiKey: 'key' }));
    expect(await shownConnections(core)).toEqual(new Set(['wellhub-demo', 'zenoti-main']));
  });

  it('refuses the marker on a connection that leaves this PC or is not Wellhub, storing nothing', async () => {
    const { core, dir } = await start();
    const refusals = [
      { ...demoWellhub, baseUrl: 'https://api.partners.gympass.com' },
      { ...demoWellhub, relayUrl: 'https://relay.example.org' },
      { ...demoWellhub, baseUrl: undefined },
      { id: 'zenoti-main', provider: 'zenoti', label: 'Zenoti', baseUrl: 'http://127.0.0.1:9', scopeId: 'c1', timeZone: 'UTC', demo: true },
    ];
    for (const settings of refusals) {
      const answer = await core.handle('saveConnection', { settings, apiKey: 'key' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', message: { code: 'demo_marker_local_only' } } });
    }
    // Only `true` is a marker: anything else is not a setting at all.
    const odd = await core.handle('saveConnection', { settings: { ...demoWellhub, demo: 'yes' }, apiKey: 'key' });
    expect(odd).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(value<unknown[]>(await core.handle('listConnections', {}))).toEqual([]);
    await expect(readFile(join(dir, 'connections.json'), 'utf8')).rejects.toThrow();
  });

  it('means nothing on a real connection written into connections.json by hand', async () => {
    const { core, dir } = await start();
    const { demo: _marker, ...real } = demoWellhub;
    value(await core.handle('saveConnection', { settings: { ...real, baseUrl: 'https://api.partners.gympass.com', relayUrl: 'https://relay.example.org' }, apiKey: 'token' }));
    await core.close();
    opened.splice(opened.indexOf(core), 1);
    const file = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8')) as { connections: Record<string, unknown>[] };
    await writeFile(join(dir, 'connections.json'), JSON.stringify({ connections: file.connections.map((c) => ({ ...c, demo: true })) }));
    const again = await start(dir);
    expect(await shownConnections(again.core)).toEqual(new Set(['wellhub-demo']));
  });
});
