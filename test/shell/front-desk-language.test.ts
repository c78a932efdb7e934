import { afterEach, describe, expect, it } from 'vitest';
import { frontDeskWords } from '../../src-main/shell/front-desk-words';
import { frontDeskStand, type FrontDeskStand } from './front-desk-stand';

/** The tray and the close question speak the desk's language: the setting, or for 'system' the computer's. */
let stand: FrontDeskStand;
afterEach(() => stand?.stop());

const trayOf = (s: FrontDeskStand) => s.electron.Tray.created[0]!;
const menuLabels = (s: FrontDeskStand) => trayOf(s).contextMenu!.items.flatMap((item) => (item.label ? [item.label] : []));

describe('front-desk words', () => {
  it('are German for a German desk, and for a German computer when the desk follows it (de-AT too)', () => {
    expect(frontDeskWords('de', 'en-US').closeQuestion).toBe('Classdesk schließen?');
    expect(frontDeskWords('system', 'de-AT').closeQuestion).toBe('Classdesk schließen?');
    expect(frontDeskWords('system', 'de').keepOpen).toBe('Classdesk geöffnet lassen');
    expect(frontDeskWords('en', 'de-DE').closeQuestion).toBe('Close Classdesk?');
    // A computer language the desk has no words for: English, as on the page.
    expect(frontDeskWords('system', 'fr-FR').closeQuestion).toBe('Close Classdesk?');
    const german = Object.values(frontDeskWords('de', ''));
    const english = Object.values(frontDeskWords('en', ''));
    expect(german.filter((word, i) => word === english[i])).toEqual(['Classdesk', 'Classdesk']);
  });
});

describe('the tray and the close question in German', () => {
  it('a desk set to German: the tray menu and the close box', async () => {
    stand = await frontDeskStand({ frontDeskMode: true, language: 'de' });
    expect(menuLabels(stand)).toEqual(['Rezeption zeigen', 'Classdesk beenden…']);
    stand.window.tryToClose();
    expect(stand.electron.dialog.messageBoxes[0]!.options).toMatchObject({
      message: 'Classdesk schließen?',
      detail: 'Bis Classdesk wieder geöffnet wird, ist an dieser Rezeption kein Check-in möglich.',
      buttons: ['Classdesk geöffnet lassen', 'Classdesk schließen'],
    });
  });

  it('a desk following a German computer speaks German; set to English it does not', async () => {
    stand = await frontDeskStand({ frontDeskMode: true, language: 'system' }, { computerLocale: 'de-DE' });
    expect(menuLabels(stand)).toEqual(['Rezeption zeigen', 'Classdesk beenden…']);
    stand.stop();
    stand = await frontDeskStand({ frontDeskMode: true, language: 'en' }, { computerLocale: 'de-DE' });
    expect(menuLabels(stand)).toEqual(['Show desk', 'Quit Classdesk…']);
  });

  it('follows a change of the setting at once: the tray menu is rebuilt, the next question is asked in the new language', async () => {
    stand = await frontDeskStand({ frontDeskMode: true, language: 'en' });
    stand.settings.change({ language: 'de' });
    expect(menuLabels(stand)).toEqual(['Rezeption zeigen', 'Classdesk beenden…']);
    trayOf(stand).contextMenu!.item('Classdesk beenden…').click!();
    expect(stand.electron.dialog.messageBoxes[0]!.options).toMatchObject({ message: 'Classdesk schließen?' });
    stand.electron.dialog.messageBoxes[0]!.answer(0);
    await Promise.resolve();
    stand.settings.change({ language: 'en' });
    expect(menuLabels(stand)).toEqual(['Show desk', 'Quit Classdesk…']);
    stand.window.tryToClose();
    expect(stand.electron.dialog.messageBoxes[1]!.options).toMatchObject({ message: 'Close Classdesk?' });
  });
});
