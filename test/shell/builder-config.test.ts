import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { builtInFeedUrl } from '../../src-main/updates/update-policy';

/**
 * The packaged binary's hardening, read from package.json's "build" section the
 * way electron-builder reads it. Packaging itself needs a network and is not run;
 * what is checked is what electron-builder would do with this configuration.
 * (Checklist rule 19: check which fuses you can change.)
 */
type Section = Record<string, unknown>;
type BuilderConfig = Section & { electronFuses?: Record<string, boolean>; mac: Section; win: Section; nsis: Section; linux: Section; publish: Section[] };
const builderConfig = (JSON.parse(readFileSync('package.json', 'utf8')) as { build: BuilderConfig }).build;

// electron-builder's own modules, found from electron-builder itself (app-builder-lib is its dependency, not ours).
const fromBuilder = createRequire(join(dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')), 'package.json'));
// The package's entry first: its modules import each other in a cycle that only resolves from there.
const { PlatformPackager } = fromBuilder('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig: (fuses: Record<string, boolean>) => Promise<Record<string, unknown>> } };
};
const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: unknown, debugLogger: { isEnabled: boolean; add: (key: string, value: unknown) => void }) => Promise<void>;
};
const { FuseV1Options } = fromBuilder('@electron/fuses') as { FuseV1Options: Record<string, number> };
const { MacTargetHelper } = fromBuilder('app-builder-lib/out/mac/MacTargetHelper.js') as {
  MacTargetHelper: { getNotarizeOptions: (appPath: string) => Record<string, unknown> | undefined };
};
const quietLogger = { isEnabled: false, add: () => undefined };

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema check', async () => {
    await expect(validateConfiguration(builderConfig, quietLogger)).resolves.toBeUndefined();
  });

  it('the schema check is real: a misspelt fuse is refused', async () => {
    const misspelt = { ...builderConfig, electronFuses: { ...builderConfig.electronFuses, runAsNodes: false } };
    await expect(validateConfiguration(misspelt, quietLogger)).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('fuses: no Node mode, no NODE_OPTIONS, no --inspect, no file:// privileges; app only from a verified asar; cookies encrypted', () => {
    expect(builderConfig.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    // OnlyLoadAppFromAsar with no asar would leave the app nothing to load.
    expect(builderConfig['asar']).toBe(true);
  });

  it('electron-builder turns them into exactly these fuse wires for @electron/fuses', async () => {
    // generateFuseConfig reads nothing but its argument, so it runs without a packager.
    const wires = await PlatformPackager.prototype.generateFuseConfig.call(undefined, builderConfig.electronFuses!);
    expect(wires).toMatchObject({
      [FuseV1Options['RunAsNode']!]: false,
      [FuseV1Options['EnableNodeOptionsEnvironmentVariable']!]: false,
      [FuseV1Options['EnableNodeCliInspectArguments']!]: false,
      [FuseV1Options['GrantFileProtocolExtraPrivileges']!]: false,
      [FuseV1Options['OnlyLoadAppFromAsar']!]: true,
      [FuseV1Options['EnableEmbeddedAsarIntegrityValidation']!]: true,
      [FuseV1Options['EnableCookieEncryption']!]: true,
    });
  });
});

describe('installers (issue 8)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('Windows NSIS, macOS dmg + zip (the updater needs the zip), Linux AppImage + deb', () => {
    expect(builderConfig.win['target']).toEqual(['nsis']);
    expect(builderConfig.mac['target']).toEqual(['dmg', 'zip']);
    expect(builderConfig.linux['target']).toEqual(['AppImage', 'deb']);
  });

  it('NSIS installs per user unless someone picks per machine (elevating then), and may change the folder', () => {
    // oneClick false + perMachine false: the assisted installer shows the per-user/per-machine page.
    expect(builderConfig.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
    });
  });

  it('macOS: hardened runtime, entitlements with JIT only, notarization on', () => {
    expect(builderConfig.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'build/entitlements.mac.plist' });
    const entitlements = readFileSync('build/entitlements.mac.plist', 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('notarization credentials come from the environment, never from package.json', () => {
    expect(readFileSync('package.json', 'utf8')).not.toMatch(/APPLE_|appleId|teamId/);
    for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER', 'APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE']) {
      vi.stubEnv(name, undefined);
    }
    // Nothing set (a developer's build): electron-builder skips notarizing with a warning.
    expect(MacTargetHelper.getNotarizeOptions('/tmp/Classdesk.app')).toBeUndefined();
    // CI's App Store Connect API key, the way electron-builder recommends.
    vi.stubEnv('APPLE_API_KEY', '/secrets/AuthKey.p8');
    vi.stubEnv('APPLE_API_KEY_ID', 'KEYID');
    vi.stubEnv('APPLE_API_ISSUER', 'issuer-uuid');
    expect(MacTargetHelper.getNotarizeOptions('/tmp/Classdesk.app')).toMatchObject({ tool: 'notarytool', appleApiKeyId: 'KEYID' });
  });

  it('updates: a generic feed at the address the app has built in, channel files for every channel', () => {
    expect(builderConfig.publish).toEqual([{ provider: 'generic', url: builtInFeedUrl }]);
    // No fixed channel: electron-builder takes it from the version (1.3.0-beta.1 → beta.yml), and a
    // stable release also writes beta.yml, so beta desks get it too.
    expect(builderConfig['generateUpdatesFilesForAllChannels']).toBe(true);
  });

  it('the schema check covers these sections too', async () => {
    const wrong = { ...builderConfig, nsis: { ...builderConfig.nsis, perMachine: 'sometimes' } };
    await expect(validateConfiguration(wrong, quietLogger)).rejects.toThrow(/perMachine/);
    const noUrl = { ...builderConfig, publish: [{ provider: 'generic' }] };
    await expect(validateConfiguration(noUrl, quietLogger)).rejects.toThrow(/publish/);
  });
});
