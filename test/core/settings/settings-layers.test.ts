import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../src-main/core/command-dispatch';
import { machineConfigDir } from '../../../src-main/core/settings/config-folder';
import { DeskSettingsBook } from '../../../src-main/core/settings/desk-settings';
import { defaultSettings, EffectiveSettings } from '../../../src-shared/settings';

const now = new Date('2026-11-23T09:00:00.000Z');
const pinHash = '03ac674216f3e15c761ee1a5e255f067953623c8b388b4459e13f978d7c846f4';

async function folders() {
  const root = await mkdtemp(join(tmpdir(), 'classdesk-settings-'));
  const dataDir = join(root, 'data');
  const configDir = join(root, 'machine');
  await mkdir(dataDir);
  await mkdir(configDir);
  return { dataDir, configDir };
}

async function open(dirs: { dataDir: string; configDir?: string }) {
  const logs: string[] = [];
  const book = await DeskSettingsBook.open({ ...dirs, clock: () => now, log: (line) => logs.push(line) });
  return { book, logs, settings: EffectiveSettings.parse(book.current()) };
}

const write = (path: string, value: unknown) => writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));

describe('where IT puts the machine-wide files', () => {
  it('is ProgramData on Windows, /Library on macOS, /etc elsewhere, and CLASSDESK_CONFIG_DIR wins everywhere', () => {
    expect(machineConfigDir('win32', { ProgramData: 'D:\\ProgramData' })).toMatch(/^D:\\ProgramData[\\/]Classdesk$/);
    expect(machineConfigDir('darwin', {})).toBe('/Library/Application Support/Classdesk');
    expect(machineConfigDir('linux', {})).toBe('/etc/classdesk');
    expect(machineConfigDir('win32', { CLASSDESK_CONFIG_DIR: '/tmp/it' })).toBe('/tmp/it');
    expect(machineConfigDir('linux', { CLASSDESK_CONFIG_DIR: '/tmp/it' })).toBe('/tmp/it');
  });
});

describe('layered settings', () => {
  it('takes the defaults when no file exists, not even the folder', async () => {
    const { dataDir } = await folders();
    const { settings } = await open({ dataDir, configDir: join(dataDir, 'no-such-folder') });
    expect(settings.values).toEqual(defaultSettings);
    expect(new Set(Object.values(settings.sources))).toEqual(new Set(['default']));
    expect(settings.problems).toEqual([]);
  });

  it('layers defaults < provisioning < desk < policy and says where each value came from', async () => {
    const dirs = await folders();
    await write(join(dirs.configDir, 'config.json'), { sounds: false, syncDaysAhead: 21, language: 'de', dataRetentionDays: 3 });
    await write(join(dirs.dataDir, 'settings.json'), { syncDaysAhead: 7, language: 'en', scannerKeyGapMs: 50 });
    await write(join(dirs.configDir, 'policy.json'), { language: 'de', closePinSha256: pinHash });
    const { settings } = await open(dirs);
    expect(settings.values).toMatchObject({ sounds: false, syncDaysAhead: 7, language: 'de', dataRetentionDays: 3, scannerKeyGapMs: 50, closePinSha256: pinHash });
    expect(settings.sources).toMatchObject({
      sounds: 'provisioning',
      dataRetentionDays: 'provisioning',
      syncDaysAhead: 'desk',
      scannerKeyGapMs: 'desk',
      language: 'policy',
      closePinSha256: 'policy',
      syncDaysBack: 'default',
    });
    expect(settings.problems).toEqual([]);
  });

  it('drops only the bad field of a file, names the file and the field, keeps the rest, and logs it', async () => {
    const dirs = await folders();
    const config = join(dirs.configDir, 'config.json');
    await write(config, {
      sounds: false,
      syncDaysAhead: 400,
      openingHours: { ...defaultSettings.openingHours, monday: [{ opens: '09:00', closes: '07:00' }] },
      colour: 'blue',
    });
    const { settings, logs } = await open(dirs);
    expect(settings.values.sounds).toBe(false);
    expect(settings.values.syncDaysAhead).toBe(defaultSettings.syncDaysAhead);
    expect(settings.values.openingHours).toEqual(defaultSettings.openingHours);
    expect(settings.problems.map((p) => [p.file, p.field])).toEqual([
      [config, 'syncDaysAhead'],
      [config, 'openingHours'],
      [config, 'colour'],
    ]);
    expect(settings.problems[1]?.message).toMatchObject({ code: 'settings_value_invalid', params: { detail: expect.stringContaining('monday.0.closes') } });
    expect(settings.problems[2]?.message.code).toBe('settings_unknown_field');
    expect(logs).toHaveLength(3);
    expect(logs[0]).toContain(config);
    expect(logs[0]).toContain('syncDaysAhead');
  });

  it('says a file is not JSON without quoting it, and the other file still applies', async () => {
    const dirs = await folders();
    const policy = join(dirs.configDir, 'policy.json');
    await write(policy, '{ "sounds": false, "apiKey": "sk-secret-123"');
    await write(join(dirs.configDir, 'config.json'), '\uFEFF{ "frontDeskMode": true }');
    const { settings } = await open(dirs);
    expect(settings.values.frontDeskMode).toBe(true);
    expect(settings.values.sounds).toBe(true);
    expect(settings.problems).toHaveLength(1);
    expect(settings.problems[0]).toMatchObject({ file: policy });
    expect(settings.problems[0]?.field).toBeUndefined();
    expect(settings.problems[0]?.message.code).toBe('settings_file_not_json');
    expect(JSON.stringify(settings.problems)).not.toContain('sk-secret-123');
  });

  it('refuses a file that is not one object', async () => {
    const dirs = await folders();
    await write(join(dirs.configDir, 'config.json'), '[1, 2]');
    const { settings } = await open(dirs);
    expect(settings.problems).toEqual([expect.objectContaining({ file: join(dirs.configDir, 'config.json'), message: { code: 'settings_file_not_object' } })]);
  });

  it('takes the close PIN only from the policy file', async () => {
    const dirs = await folders();
    await write(join(dirs.configDir, 'config.json'), { closePinSha256: pinHash });
    await write(join(dirs.dataDir, 'settings.json'), { closePinSha256: pinHash, sounds: false });
    const { settings } = await open(dirs);
    expect(settings.values.closePinSha256).toBeNull();
    expect(settings.values.sounds).toBe(false);
    expect(settings.problems.map((p) => p.field)).toEqual(['closePinSha256', 'closePinSha256']);
    expect(settings.problems[0]?.message.code).toBe('settings_pin_policy_only');
  });
});

describe("the desk's own settings", () => {
  it('saves changed fields atomically into settings.json and they survive a restart', async () => {
    const dirs = await folders();
    const { book } = await open(dirs);
    const heard: EffectiveSettings[] = [];
    book.onChange((settings) => heard.push(settings));
    const saved = await book.save({ sounds: false, dataRetentionDays: 14 });
    expect(saved.values).toMatchObject({ sounds: false, dataRetentionDays: 14 });
    expect(saved.sources.sounds).toBe('desk');
    expect(heard).toHaveLength(1);
    await book.save({ sounds: false });
    expect(heard).toHaveLength(1);
    expect(JSON.parse(await readFile(join(dirs.dataDir, 'settings.json'), 'utf8'))).toEqual({ sounds: false, dataRetentionDays: 14 });
    expect((await readdir(dirs.dataDir)).filter((name) => name !== 'settings.json')).toEqual([]);
    const again = await open(dirs);
    expect(again.settings.values).toMatchObject({ sounds: false, dataRetentionDays: 14 });
  });

  it('refuses to save a setting locked by policy, or the close PIN, and writes nothing', async () => {
    const dirs = await folders();
    await write(join(dirs.configDir, 'policy.json'), { syncDaysAhead: 30 });
    const { book } = await open(dirs);
    const refused = await book.save({ syncDaysAhead: 10, sounds: false }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeskError);
    expect((refused as DeskError).code).toBe('conflict');
    expect((refused as DeskError).said).toEqual({ code: 'setting_locked', params: { settings: 'syncDaysAhead' } });
    const pin = await book.save({ closePinSha256: pinHash }).catch((error: unknown) => error);
    expect((pin as DeskError).code).toBe('conflict');
    expect(book.current().values).toMatchObject({ syncDaysAhead: 30, sounds: true, closePinSha256: null });
    expect(await readdir(dirs.dataDir)).toEqual([]);
  });

  it('sets a settings.json that is not JSON aside and goes on with the other layers', async () => {
    const dirs = await folders();
    await write(join(dirs.dataDir, 'settings.json'), '{"sounds": fal');
    await write(join(dirs.configDir, 'config.json'), { sounds: false });
    const { settings } = await open(dirs);
    expect(settings.values.sounds).toBe(false);
    expect(settings.problems[0]?.file).toBe(join(dirs.dataDir, 'settings.json'));
    expect(settings.problems[0]?.message).toMatchObject({ code: 'settings_file_not_json', params: { aside: expect.stringContaining('settings.json') } });
    const files = await readdir(dirs.dataDir);
    expect(files.some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
    expect(files).not.toContain('settings.json');
  });

  it('takes over the location from the old desk.json once, then removes it', async () => {
    const dirs = await folders();
    await write(join(dirs.dataDir, 'desk.json'), { locationId: 'berlin' });
    const { settings } = await open(dirs);
    expect(settings.values.deskLocationId).toBe('berlin');
    expect(settings.sources.deskLocationId).toBe('desk');
    expect(await readdir(dirs.dataDir)).toEqual(['settings.json']);
    expect(JSON.parse(await readFile(join(dirs.dataDir, 'settings.json'), 'utf8'))).toEqual({ deskLocationId: 'berlin' });
  });
});
