import { readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SettingsLayer, SettingsProblem } from '../../../src-shared/settings';
import { setAsidePath } from '../storage/data-files';
import { readJsonFile, writeJsonFile } from '../storage/json-file';
import { deskSettingsFileName } from './config-folder';
import { checkLayer, jsonProblem } from './layer-check';
import { deskMessage } from '../../../src-shared/desk-messages';

/** What the desk kept before it had settings: which location it serves. */
const OldDeskPlace = z.object({ locationId: z.string().min(1).max(200).optional() });

export interface DeskLayer {
  layer: SettingsLayer;
  problems: SettingsProblem[];
}

/**
 * The desk's own choices, made on the Settings screen, in `<dataDir>/settings.json`: written whole and
 * atomically like the other JSON files, so a crash leaves the old or the new file, never half of one.
 */
export class DeskLayerFile {
  readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, deskSettingsFileName);
  }

  async read(now: Date): Promise<DeskLayer> {
    const read = await this.readOwn(now);
    return this.takeOverDeskPlace(read);
  }

  async write(layer: SettingsLayer): Promise<void> {
    await writeJsonFile(this.path, layer);
  }

  private async readOwn(now: Date): Promise<DeskLayer> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { layer: {}, problems: [] };
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return { layer: {}, problems: [{ file: this.path, message: deskMessage('settings_file_unreadable', { detail: String(code) }) }] };
    }
    try {
      return checkLayer(JSON.parse(text), this.path, 'desk');
    } catch (error) {
      // Only preferences: put aside for a person to look at, so the next save does not overwrite it unseen.
      const aside = setAsidePath(this.path, now);
      await rename(this.path, aside);
      return { layer: {}, problems: [{ file: this.path, message: jsonProblem(error, text, aside) }] };
    }
  }

  /**
   * Before settings existed the desk kept its location in `desk.json`. Taken over once into
   * `settings.json`, then removed, so there is one place that says which location the desk serves.
   */
  private async takeOverDeskPlace(read: DeskLayer): Promise<DeskLayer> {
    const oldPath = join(this.dataDir, 'desk.json');
    // readJsonFile sets a damaged desk.json aside and says so, as it always did.
    const old = await readJsonFile(oldPath, OldDeskPlace);
    if (old === undefined) return read;
    const layer = read.layer.deskLocationId === undefined && old.locationId ? { ...read.layer, deskLocationId: old.locationId } : read.layer;
    await this.write(layer);
    await unlink(oldPath);
    return { ...read, layer };
  }
}
