import {
  defaultSettings,
  settingNames,
  type DeskSettings,
  type EffectiveSettings,
  type SettingName,
  type SettingSource,
  type SettingsLayer,
  type SettingsProblem,
} from '../../../src-shared/settings';

export interface SettingsLayers {
  provisioning: SettingsLayer;
  desk: SettingsLayer;
  policy: SettingsLayer;
}

/** Lowest first: each later layer wins over the ones before it; policy last, so it always wins. */
const order = ['provisioning', 'desk', 'policy'] as const satisfies readonly Exclude<SettingSource, 'default'>[];

/** The values in force and where each one came from. */
export function mergeSettings(layers: SettingsLayers, problems: SettingsProblem[]): EffectiveSettings {
  const values: Record<string, unknown> = { ...defaultSettings };
  const sources = Object.fromEntries(settingNames.map((name) => [name, 'default'])) as Record<SettingName, SettingSource>;
  for (const source of order) {
    for (const name of settingNames) {
      if (layers[source][name] === undefined) continue;
      values[name] = layers[source][name];
      sources[name] = source;
    }
  }
  // Every value is a default or came through its own field's schema, so the whole is DeskSettings.
  return { values: values as DeskSettings, sources, problems };
}

export function lockedNames(policy: SettingsLayer): SettingName[] {
  return settingNames.filter((name) => policy[name] !== undefined);
}
