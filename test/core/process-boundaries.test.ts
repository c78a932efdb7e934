import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rules that keep each process to what it may import, tried on code that breaks them.
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries', () => {
  it.each([
    ['src-shared/x.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['src-shared/x.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n"],
    ['src-shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src-renderer/src/x.ts', "import { openCore } from '../../src-main/core/core';\nexport const o = openCore;\n"],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['src-main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src-main/web/x.ts', "import { safeStorage } from 'electron';\nexport const s = safeStorage;\n"],
    ['src-main/core/x.ts', "import { serveRendererFrom } from '../shell/app-protocol';\nexport const s = serveRendererFrom;\n"],
    ['src-main/core/sync/x.ts', "import { startWebServer } from '../../web/web-server';\nexport const w = startWebServer;\n"],
    ['src-main/core/http/x.ts', "import { ZenotiProvider } from '../providers/zenoti/zenoti-provider';\nexport const z = ZenotiProvider;\n"],
    ['src-main/core/http/x.ts', "import { safeStorage } from 'electron';\nexport const s = safeStorage;\n"],
    ['src-main/updates/x.ts', "import electronUpdater from 'electron-updater';\nexport const u = electronUpdater;\n"],
    ['src-main/updates/x.ts', "import { startDeskUpdates } from '../shell/desk-updates';\nexport const s = startDeskUpdates;\n"],
    ['src-main/core/x.ts', "import electronUpdater from 'electron-updater';\nexport const u = electronUpdater;\n"],
  ])('%s may not: %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['src-main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src-main/shell/x.ts', "import { safeStorage } from 'electron';\nexport const s = safeStorage;\n"],
    ['src-main/shell/x.ts', "import electronUpdater from 'electron-updater';\nexport const u = electronUpdater;\n"],
    ['src-main/updates/x.ts', "import { DateTime } from 'luxon';\nexport const d = DateTime;\n"],
    ['src-main/core/x.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n"],
    ['src-main/core/http/x.ts', "import { ProviderError } from '../provider-error';\nexport const p = ProviderError;\n"],
    ['src-main/web/x.ts', "import { openCore } from '../core/core';\nexport const o = openCore;\n"],
    ['src-renderer/src/x.ts', "import Dexie from 'dexie';\nexport const d = Dexie;\n"],
  ])('%s may: %s', async (filePath, code) => {
    expect(await restrictedImportErrors(filePath, code)).toEqual([]);
  });
});
