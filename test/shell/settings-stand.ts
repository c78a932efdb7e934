import { defaultSettings, settingNames, type DeskSettings, type EffectiveSettings, type SettingSource } from '../../src-shared/settings';

/** Settings in force as the core's layers would report them with no file anywhere: every value the default's. */
export function effectiveSettings(values: DeskSettings = defaultSettings): EffectiveSettings {
  const sources = Object.fromEntries(settingNames.map((name) => [name, 'default' satisfies SettingSource])) as EffectiveSettings['sources'];
  return { values: structuredClone(values), sources, problems: [] };
}
