import type { EffectiveSettings } from '../../src-shared/settings';

/**
 * Where the shell reads the desk's settings from. The core's settings layers (defaults <
 * provisioning < desk < policy) provide exactly this: `settings()` and `onSettings()` on the
 * object openDeskCore returns. The shell depends on this much and no more.
 */
export interface DeskSettingsSource {
  settings(): EffectiveSettings;
  /** Called with the settings in force after every change; returns the way to stop listening. */
  onSettings(listener: (settings: EffectiveSettings) => void): () => void;
}
