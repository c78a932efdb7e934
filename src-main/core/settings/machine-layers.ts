import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SettingsLayer, SettingsProblem } from '../../../src-shared/settings';
import { policyFileName, provisioningFileName } from './config-folder';
import { checkLayer, jsonProblem, type CheckedLayer, type LayerKind } from './layer-check';
import { deskMessage } from '../../../src-shared/desk-messages';

export interface MachineLayers {
  provisioning: SettingsLayer;
  policy: SettingsLayer;
  problems: SettingsProblem[];
}

/**
 * IT's two files from the machine-wide folder. A missing file (or folder) is an empty layer: most
 * desks have neither. Files are read, never written: the desk's user must not be able to change them.
 */
export async function readMachineLayers(configDir: string | undefined): Promise<MachineLayers> {
  if (!configDir) return { provisioning: {}, policy: {}, problems: [] };
  const provisioning = await readLayerFile(join(configDir, provisioningFileName), 'provisioning');
  const policy = await readLayerFile(join(configDir, policyFileName), 'policy');
  return { provisioning: provisioning.layer, policy: policy.layer, problems: [...provisioning.problems, ...policy.problems] };
}

export async function readLayerFile(path: string, kind: LayerKind): Promise<CheckedLayer> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { layer: {}, problems: [] };
    return { layer: {}, problems: [{ file: path, message: deskMessage('settings_file_unreadable', { detail: String(code ?? error).slice(0, 500) }) }] };
  }
  let json: unknown;
  try {
    // A BOM is what Windows' Notepad writes; JSON.parse would refuse it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { layer: {}, problems: [{ file: path, message: jsonProblem(error, text) }] };
  }
  return checkLayer(json, path, kind);
}
