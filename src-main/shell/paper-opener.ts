import { ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { z } from 'zod';
import { outageKitFilePattern, OutageKitFile } from '../../src-shared/contract';
import { openTodaysRostersChannel, type PaperOpenAnswer } from '../../src-shared/paper';
import type { Core } from '../core/core';
import { isTrustedPageUrl } from './trusted-url';
import { messageForLog } from '../../src-shared/desk-messages';

const OpenInput = z.object({ locationId: z.string().min(1).max(200) }).strict();
const KitAnswer = z.object({ kits: z.array(OutageKitFile) });

/**
 * "Print today's rosters": the core writes the outage kit now, and the location's PDF opens in the
 * PC's PDF viewer, where reception prints it. The page names a location, never a path: the file
 * comes from the core's answer, checked against the kit's file pattern, inside the kit folder.
 */
export function bridgePaperOverIpc(core: Core, window: BrowserWindow, kitFolder: string, devServerUrl: string | undefined): () => void {
  ipcMain.handle(openTodaysRostersChannel, async (event: IpcMainInvokeEvent, input: unknown): Promise<PaperOpenAnswer> => {
    const frameUrl = event.senderFrame?.url ?? '';
    const asked = OpenInput.safeParse(input);
    if (event.sender !== window.webContents || !isTrustedPageUrl(frameUrl, devServerUrl) || !asked.success) return { outcome: 'refused' };
    const result = await core.handle('writeOutageKit', { locationId: asked.data.locationId });
    if (!result.ok) return { outcome: 'failed', reason: messageForLog(result.error.message), said: result.error.message };
    const kits = KitAnswer.safeParse(result.value);
    // A file outside the kit's pattern is never opened, whatever the core said.
    if (!kits.success) return { outcome: 'refused' };
    const kit = kits.data.kits.find((k) => k.locationId === asked.data.locationId);
    if (!kit) return { outcome: 'none' };
    if (!outageKitFilePattern.test(kit.file)) return { outcome: 'refused' };
    const file = join(kitFolder, kit.file);
    // openPath answers with the OS's error in words, or '' when the viewer opened.
    const problem = await shell.openPath(file);
    return problem ? { outcome: 'failed', reason: problem } : { outcome: 'opened', file: kit.file };
  });
  return () => ipcMain.removeHandler(openTodaysRostersChannel);
}
