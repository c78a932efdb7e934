import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import { builtInFeedUrl, describeInstallation, planUpdates, samePlan, type Installation } from '../../src-main/updates/update-policy';

const windowsDesk: Installation = { packaged: true, platform: 'win32', appImage: undefined, forEveryone: false };
const defaults = { updates: defaultSettings.updates, updateChannel: defaultSettings.updateChannel, updateUrl: defaultSettings.updateUrl };

describe('planUpdates', () => {
  it('by default: the built-in address, stable channel (latest.yml), no prereleases', () => {
    expect(planUpdates(defaults, windowsDesk)).toEqual({ check: true, feedUrl: builtInFeedUrl, channel: 'latest', allowPrerelease: false });
  });

  it('beta: beta.yml and prerelease versions', () => {
    expect(planUpdates({ ...defaults, updateChannel: 'beta' }, windowsDesk)).toMatchObject({ check: true, channel: 'beta', allowPrerelease: true });
  });

  it('an address from the settings replaces the built-in one', () => {
    const plan = planUpdates({ ...defaults, updateUrl: 'https://updates.example.test/classdesk' }, windowsDesk);
    expect(plan).toMatchObject({ check: true, feedUrl: 'https://updates.example.test/classdesk' });
  });

  it('switched off (by the desk or locked by policy): no check at all', () => {
    expect(planUpdates({ ...defaults, updates: false }, windowsDesk)).toMatchObject({ check: false });
  });

  it('a development run is never updated', () => {
    expect(planUpdates(defaults, { ...windowsDesk, packaged: false })).toMatchObject({ check: false });
  });

  it('on Linux only an AppImage updates itself; a .deb is left to the package manager', () => {
    expect(planUpdates(defaults, { ...windowsDesk, platform: 'linux' })).toMatchObject({ check: false });
    expect(planUpdates(defaults, { ...windowsDesk, platform: 'linux', appImage: '/opt/Classdesk.AppImage' })).toMatchObject({ check: true });
    expect(planUpdates(defaults, { ...windowsDesk, platform: 'darwin' })).toMatchObject({ check: true });
  });

  it('on Windows, a per-machine install is left to IT: updating it needs an administrator at night', () => {
    expect(planUpdates(defaults, { ...windowsDesk, forEveryone: true })).toMatchObject({ check: false, why: expect.stringMatching(/administrator/) });
  });
});

describe('samePlan', () => {
  it('tells when the updater needs configuring again', () => {
    const stable = planUpdates(defaults, windowsDesk);
    expect(samePlan(stable, planUpdates(defaults, windowsDesk))).toBe(true);
    expect(samePlan(stable, planUpdates({ ...defaults, updateChannel: 'beta' }, windowsDesk))).toBe(false);
    expect(samePlan(stable, planUpdates({ ...defaults, updates: false }, windowsDesk))).toBe(false);
    expect(samePlan(planUpdates({ ...defaults, updates: false }, windowsDesk), planUpdates({ ...defaults, updates: false }, windowsDesk))).toBe(true);
  });
});

describe('describeInstallation', () => {
  const windowsEnv = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\desk\\AppData\\Local' };

  it('Windows: under Program Files is for everyone, under the user’s AppData for this user', () => {
    expect(describeInstallation(true, 'win32', 'C:\\Program Files\\Classdesk\\Classdesk.exe', windowsEnv).forEveryone).toBe(true);
    expect(describeInstallation(true, 'win32', 'c:\\program files (x86)\\Classdesk\\Classdesk.exe', windowsEnv).forEveryone).toBe(true);
    expect(describeInstallation(true, 'win32', 'C:\\Users\\desk\\AppData\\Local\\Programs\\Classdesk\\Classdesk.exe', windowsEnv).forEveryone).toBe(false);
    // A folder that merely starts like Program Files is not it.
    expect(describeInstallation(true, 'win32', 'C:\\Program Files Extra\\Classdesk.exe', windowsEnv).forEveryone).toBe(false);
  });

  it('Linux: the AppImage runtime’s variable says it is an AppImage', () => {
    expect(describeInstallation(true, 'linux', '/tmp/.mount_Classd/classdesk', { APPIMAGE: '/home/desk/Classdesk.AppImage' })).toEqual({
      packaged: true,
      platform: 'linux',
      appImage: '/home/desk/Classdesk.AppImage',
      forEveryone: false,
    });
  });
});
