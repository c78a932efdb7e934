import { isDeepStrictEqual } from 'node:util';
import type { DeskSettings, EffectiveSettings, SettingName, SettingsLayer, SettingsProblem } from '../../../src-shared/settings';
import type { Clock } from '../clock';
import { DeskError } from '../command-dispatch';
import { DeskLayerFile } from './desk-layer';
import { readMachineLayers } from './machine-layers';
import { lockedNames, mergeSettings, type SettingsLayers } from './merge-settings';
import { deskMessage } from '../../../src-shared/desk-messages';
import { messageForLog } from '../../../src-shared/desk-messages';

export interface DeskSettingsOptions {
  /** Where the desk's own `settings.json` lives. */
  dataDir: string;
  /** The machine-wide folder with IT's `config.json` and `policy.json`; none: only defaults and the desk's own. */
  configDir?: string;
  clock: Clock;
  log(message: string): void;
}

/**
 * The desk's settings in force: defaults < IT's provisioning file < the desk's own choices < IT's
 * policy. The machine's files are read when the core opens (IT rolls them out, then the desk restarts);
 * the desk's own layer changes through `save`. Every problem found in a file is kept for the
 * Settings screen and written to the log, where support looks first.
 */
export class DeskSettingsBook {
  private effective: EffectiveSettings;
  private readonly listeners = new Set<(settings: EffectiveSettings) => void>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: DeskLayerFile,
    private readonly layers: SettingsLayers,
    private readonly problems: SettingsProblem[],
  ) {
    this.effective = mergeSettings(layers, problems);
  }

  static async open(options: DeskSettingsOptions): Promise<DeskSettingsBook> {
    const machine = await readMachineLayers(options.configDir);
    const file = new DeskLayerFile(options.dataDir);
    const desk = await file.read(options.clock());
    const problems = [...machine.problems, ...desk.problems];
    for (const problem of problems) options.log(`Settings: ${problem.file}${problem.field ? ` (${problem.field})` : ''}: ${messageForLog(problem.message)}`);
    return new DeskSettingsBook(file, { provisioning: machine.provisioning, desk: desk.layer, policy: machine.policy }, problems);
  }

  current(): EffectiveSettings {
    return structuredClone(this.effective);
  }

  /** The values in force, for the parts of the core that follow them (read at the moment of use). */
  get values(): DeskSettings {
    return this.effective.values;
  }

  isLocked(name: SettingName): boolean {
    return this.layers.policy[name] !== undefined;
  }

  /**
   * Takes the desk's changed fields. A setting IT locked is refused whole, before anything is written,
   * so the desk never believes it changed something that policy overrides.
   */
  async save(changes: SettingsLayer): Promise<EffectiveSettings> {
    const names = Object.keys(changes) as SettingName[];
    const locked = names.filter((name) => lockedNames(this.layers.policy).includes(name));
    if (locked.length > 0) {
      throw new DeskError('conflict', deskMessage('setting_locked', { settings: locked.join(', ') }));
    }
    if (names.includes('closePinSha256')) {
      throw new DeskError('conflict', { code: 'close_pin_policy_only' });
    }
    const desk: SettingsLayer = { ...this.layers.desk, ...changes };
    const done = this.writing.then(() => this.file.write(desk));
    this.writing = done.catch(() => undefined);
    await done;
    this.layers.desk = desk;
    this.publish();
    return this.current();
  }

  onChange(listener: (settings: EffectiveSettings) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private publish(): void {
    const next = mergeSettings(this.layers, this.problems);
    if (isDeepStrictEqual(next, this.effective)) return;
    this.effective = next;
    for (const listener of this.listeners) listener(this.current());
  }
}
