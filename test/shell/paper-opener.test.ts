import { beforeEach, describe, expect, it } from 'vitest';
import type { bridgePaperOverIpc as Bridge } from '../../src-main/shell/paper-opener';
import type { CommandResult } from '../../src-shared/contract';
import { openTodaysRostersChannel } from '../../src-shared/paper';
import { fakeCore, loadShell, type FakeCore, type FakeElectron } from './load-shell';

/** "Print today's rosters" in Electron: only our page asks, only for a location, and only a kit file opens. */
let electron: FakeElectron;
let core: FakeCore;
let window: InstanceType<FakeElectron['BrowserWindow']>;
let unbridge: () => void;
const page = 'classdesk://desk/index.html';
const kitFolder = '/data/outage-kit';

beforeEach(async () => {
  electron = await loadShell({ lock: false });
  electron.calls.length = 0;
  core = fakeCore();
  window = new electron.BrowserWindow({});
  const { bridgePaperOverIpc } = await import('../../src-main/shell/paper-opener');
  unbridge = bridgePaperOverIpc(core, window as unknown as Parameters<typeof Bridge>[1], kitFolder, undefined);
});

/** The core's answer to writeOutageKit, for one test. */
function coreAnswers(result: CommandResult<unknown>): void {
  core.handle = async (command, input) => {
    core.handled.push([command, input]);
    return result;
  };
}

const kit = (locationId: string, file: string) => ({ locationId, locationName: 'Main', day: '2026-11-23', file, classes: 3 });

function ask(input: unknown, sender: unknown = window.webContents, frameUrl = page) {
  return electron.ipcMain.handlers.get(openTodaysRostersChannel)!({ sender, senderFrame: { url: frameUrl } }, input);
}

const opened = () => electron.calls.filter((call) => call[0] === 'shell.openPath').map((call) => call[1]);

describe('opening today’s rosters', () => {
  it('has the core write the kit now and opens the location’s PDF from the kit folder', async () => {
    coreAnswers({ ok: true, value: { kits: [kit('loc-2', '2026-11-23/other.pdf'), kit('loc-1', '2026-11-23/main.pdf')] } });
    await expect(ask({ locationId: 'loc-1' })).resolves.toEqual({ outcome: 'opened', file: '2026-11-23/main.pdf' });
    expect(core.handled).toEqual([['writeOutageKit', { locationId: 'loc-1' }]]);
    expect(opened()).toEqual([`${kitFolder}/2026-11-23/main.pdf`]);
  });

  it('refuses another page or a payload that is not a location id, before the core hears of it', async () => {
    coreAnswers({ ok: true, value: { kits: [kit('loc-1', '2026-11-23/main.pdf')] } });
    for (const answer of [
      await ask({ locationId: 'loc-1' }, new electron.FakeWebContents()),
      await ask({ locationId: 'loc-1' }, window.webContents, 'https://evil.example/'),
      await ask({ locationId: 'loc-1', path: '/etc/passwd' }),
      await ask('/etc/passwd'),
      await ask({ locationId: '' }),
    ]) {
      expect(answer).toEqual({ outcome: 'refused' });
    }
    expect(core.handled).toEqual([]);
    expect(opened()).toEqual([]);
  });

  it('opens nothing the core did not name as a kit file', async () => {
    coreAnswers({ ok: true, value: { kits: [kit('loc-1', '../../etc/passwd')] } });
    await expect(ask({ locationId: 'loc-1' })).resolves.toEqual({ outcome: 'refused' });
    coreAnswers({ ok: true, value: { kits: [] } });
    // No words of its own: the page says "no rosters were written" in the desk's language.
    await expect(ask({ locationId: 'loc-1' })).resolves.toEqual({ outcome: 'none' });
    expect(opened()).toEqual([]);
  });

  it('says why when the core could not write or the PC has no PDF viewer', async () => {
    coreAnswers({ ok: false, error: { code: 'internal', message: { code: 'internal_error' } } });
    await expect(ask({ locationId: 'loc-1' })).resolves.toEqual({ outcome: 'failed', reason: 'internal_error', said: { code: 'internal_error' } });
    coreAnswers({ ok: true, value: { kits: [kit('loc-1', '2026-11-23/main.pdf')] } });
    electron.shell.openPathAnswer = 'No application is associated with the specified file';
    await expect(ask({ locationId: 'loc-1' })).resolves.toEqual({ outcome: 'failed', reason: 'No application is associated with the specified file' });
  });

  it('unbridging takes the handler away', () => {
    unbridge();
    expect(electron.ipcMain.handlers.has(openTodaysRostersChannel)).toBe(false);
  });
});
