import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The packaged binary's hardening, read from package.json's "build" section the
 * way electron-builder reads it. Packaging itself needs a network and is not run;
 * what is checked is what electron-builder would do with this configuration.
 * (Checklist rule 19: check which fuses you can change.)
 */
type BuilderConfig = Record<string, unknown> & { electronFuses?: Record<string, boolean> };
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
