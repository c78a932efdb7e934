import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Hello, Snapshot, type DeskEvent } from '../../../src-shared/contract';
import { EffectiveSettings } from '../../../src-shared/settings';
import { openCore, type Core, type SettingsCore } from '../../../src-main/core/core';
import { unencryptedDevelopmentCipher } from '../../../src-main/core/credentials/credential-store';
import { openDeskCore } from '../../../src-main/core/open-desk-core';
import { ProviderError } from '../../../src-main/core/provider-error';
import { ScriptedStudio } from '../../support/scripted-studio';
import { testCredentials } from '../../support/test-credentials';
import { value } from '../../support/command-answer';

const morning = new Date('2026-11-23T09:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;
const opened: Core[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.close()));
});

async function start(options: { policy?: object; config?: object; clock?: () => Date; wipeLocalData?: () => Promise<void> } = {}) {
  const root = await mkdtemp(join(tmpdir(), 'classdesk-settings-core-'));
  const dataDir = join(root, 'data');
  const configDir = join(root, 'machine');
  await mkdir(dataDir);
  await mkdir(configDir);
  if (options.policy) await writeFile(join(configDir, 'policy.json'), JSON.stringify(options.policy));
  if (options.config) await writeFile(join(configDir, 'config.json'), JSON.stringify(options.config));
  const studio = new ScriptedStudio(morning);
  const core = await openCore({
    dataDir,
    configDir,
    credentials: testCredentials(dataDir),
    fallbackProviders: [studio],
    clock: options.clock ?? (() => morning),
    syncIntervalMs: 0,
    log: () => {},
    ...(options.wipeLocalData ? { wipeLocalData: options.wipeLocalData } : {}),
  });
  opened.push(core);
  const events: DeskEvent[] = [];
  core.subscribe((event) => events.push(event));
  return { core, studio, dataDir, configDir, events };
}

const settingsOf = (core: Core) => core.handle('getSettings', {}).then((result) => EffectiveSettings.parse(value(result)));

describe('settings through the contract', () => {
  it('answers getSettings with values, sources and problems, and saveSettings with the new settings and an event', async () => {
    const { core, events, configDir } = await start({ policy: { sounds: false }, config: { syncDaysBack: 9 } });
    const before = await settingsOf(core);
    expect(before.values.sounds).toBe(false);
    expect(before.sources.sounds).toBe('policy');
    expect(before.problems).toEqual([expect.objectContaining({ file: join(configDir, 'config.json'), field: 'syncDaysBack' })]);

    const saved = EffectiveSettings.parse(value(await core.handle('saveSettings', { frontDeskMode: true, actionRetentionDays: 60 })));
    expect(saved.values).toMatchObject({ frontDeskMode: true, actionRetentionDays: 60 });
    expect(saved.sources.frontDeskMode).toBe('desk');
    const pushed = events.filter((event) => event.name === 'settings');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.payload).toEqual(saved);
    expect((await settingsOf(core)).values.frontDeskMode).toBe(true);
  });

  it('refuses a locked setting with conflict and changes nothing', async () => {
    const { core, events } = await start({ policy: { sounds: false } });
    const result = await core.handle('saveSettings', { sounds: true, frontDeskMode: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: { code: 'setting_locked', params: { settings: 'sounds' } } } });
    expect((await settingsOf(core)).values).toMatchObject({ sounds: false, frontDeskMode: false });
    expect(events.filter((event) => event.name === 'settings')).toEqual([]);
  });

  it.each([
    ['a value out of range', { syncDaysAhead: 0 }],
    ['an unknown setting', { colour: 'blue' }],
    ['a wrong type', { sounds: 'yes' }],
    ['a bad opening time', { openingHours: { monday: [{ opens: '25:00', closes: '26:00' }] } }],
  ])('answers %s with invalid_input', async (_label, input) => {
    const { core } = await start();
    expect(await core.handle('saveSettings', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('gives the host settings() and onSettings()', async () => {
    const { core } = await start();
    const host = core as SettingsCore;
    const heard = vi.fn();
    const off = host.onSettings(heard);
    await core.handle('saveSettings', { updates: false });
    expect(host.settings().values.updates).toBe(false);
    expect(heard).toHaveBeenCalledWith(expect.objectContaining({ values: expect.objectContaining({ updates: false }) }));
    off();
    await core.handle('saveSettings', { updates: true });
    expect(heard).toHaveBeenCalledTimes(1);
  });
});

describe('the core follows the settings', () => {
  it('fetches the window the settings say, and fetches again when it changes', async () => {
    const { core, studio } = await start({ config: { syncDaysAhead: 3 } });
    await core.handle('syncNow', {});
    const startOfDay = Date.parse('2026-11-23T00:00:00.000Z');
    const widest = () => Math.max(...studio.windows.map((w) => Date.parse(w.to)));
    expect(widest()).toBe(startOfDay + 4 * dayMs + 14 * 60 * 60 * 1000);
    await core.handle('saveSettings', { syncDaysAhead: 30 });
    await vi.waitFor(() => expect(widest()).toBe(startOfDay + 31 * dayMs + 14 * 60 * 60 * 1000));
  });

  it('lets classes go by the data retention the settings say', async () => {
    let now = morning;
    const { core } = await start({ clock: () => now });
    await core.handle('syncNow', {});
    // Three days on, the provider no longer lists those classes; the default keeps them for 7 days.
    now = new Date(morning.getTime() + 3 * dayMs);
    const ids = async () => Snapshot.parse(value(await core.handle('getSnapshot', {}))).records.sessions.map((s) => s.id);
    await core.handle('syncNow', {});
    expect(await ids()).toContain('s-now');
    await core.handle('saveSettings', { dataRetentionDays: 1 });
    await core.handle('syncNow', {});
    expect(await ids()).not.toContain('s-now');
  });

  it('keeps the desk location as the deskLocationId setting: setDeskLocation writes it, hello tells it', async () => {
    const { core, dataDir } = await start();
    await core.handle('setDeskLocation', { locationId: 'loc-1' });
    const settings = await settingsOf(core);
    expect(settings.values.deskLocationId).toBe('loc-1');
    expect(settings.sources.deskLocationId).toBe('desk');
    expect(Hello.parse(value(await core.handle('hello', {}))).deskLocationId).toBe('loc-1');
    await core.handle('saveSettings', { deskLocationId: 'loc-2' });
    expect(Hello.parse(value(await core.handle('hello', {}))).deskLocationId).toBe('loc-2');
    expect(await readdir(dataDir)).not.toContain('desk.json');
  });

  it('keeps the location policy fixes, refusing another one', async () => {
    const { core } = await start({ policy: { deskLocationId: 'loc-9' } });
    expect(Hello.parse(value(await core.handle('hello', {}))).deskLocationId).toBe('loc-9');
    expect(await core.handle('setDeskLocation', { locationId: 'loc-1' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await core.handle('setDeskLocation', { locationId: 'loc-9' })).toMatchObject({ ok: true });
  });
});

describe("wiping this desk's local data", () => {
  it('is refused while desk actions wait to be sent, unless told to lose them', async () => {
    const wipe = vi.fn(async () => {});
    const { core, studio } = await start({ wipeLocalData: wipe });
    studio.failure = new ProviderError({ code: 'provider_said', params: { detail: 'Service unavailable' } }, true);
    await core.handle('checkIn', { actionId: randomUUID(), bookingId: 'b-1' });
    const refused = await core.handle('wipeLocalData', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: { code: 'wipe_refused_actions_waiting', params: { count: 1 } } } });
    expect(wipe).not.toHaveBeenCalled();
    expect(await core.handle('wipeLocalData', { discardWaiting: true })).toEqual({ ok: true, value: { wiped: true } });
    expect(wipe).toHaveBeenCalledTimes(1);
  });

  it('removes store, connections, settings and keys, and opens a fresh desk on the demo studio', async () => {
    const root = await mkdtemp(join(tmpdir(), 'classdesk-wipe-'));
    const dataDir = join(root, 'data');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'credentials.dev.json'), JSON.stringify({ scheme: unencryptedDevelopmentCipher.scheme, secrets: { 'connection:x': 'k-123' } }));
    const core = await openDeskCore({
      dataDir,
      clock: () => morning,
      cipher: unencryptedDevelopmentCipher,
      credentialsFile: 'credentials.dev.json',
      configDir: join(root, 'machine'),
      echo: () => {},
    });
    opened.push(core);
    const events: DeskEvent[] = [];
    core.subscribe((event) => events.push(event));
    const before = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    await core.handle('saveSettings', { sounds: false, deskLocationId: before.records.locations[0]!.id });
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['settings.json', 'credentials.dev.json', 'desk-store.db']));

    expect(await core.handle('wipeLocalData', {})).toEqual({ ok: true, value: { wiped: true } });
    const files = await readdir(dataDir);
    expect(files).not.toContain('settings.json');
    expect(files).not.toContain('credentials.dev.json');
    const after = Snapshot.parse(value(await core.handle('getSnapshot', {})));
    expect(after.store).not.toBe(before.store);
    expect(after.records.locations.length).toBeGreaterThan(0);
    expect((await settingsOf(core)).values.sounds).toBe(true);
    expect(core.settings().values.deskLocationId).toBeNull();
    expect(events.at(-1)).toMatchObject({ name: 'settings', payload: { values: { sounds: true } } });
    // The fresh core's events still reach the subscribers of the old one.
    await core.handle('saveSettings', { sounds: false });
    expect(events.at(-1)).toMatchObject({ name: 'settings', payload: { values: { sounds: false } } });
  });
});
