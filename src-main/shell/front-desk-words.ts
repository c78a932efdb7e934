import type { DeskLanguage } from '../../src-shared/settings';

/**
 * What the main process says to staff in front-desk mode: the tray and the close question. Main has
 * no i18n of its own (the page's words live in src-renderer/src/i18n); these few follow the desk's
 * language setting, in the same words as the page's close-PIN prompt.
 */
export interface FrontDeskWords {
  trayTooltip: string;
  showDesk: string;
  quit: string;
  closeTitle: string;
  closeQuestion: string;
  closeDetail: string;
  keepOpen: string;
  close: string;
}

const english: FrontDeskWords = {
  trayTooltip: 'Classdesk',
  showDesk: 'Show desk',
  quit: 'Quit Classdesk…',
  closeTitle: 'Classdesk',
  closeQuestion: 'Close Classdesk?',
  closeDetail: 'Check-in stops at this desk until it is opened again.',
  keepOpen: 'Keep Classdesk open',
  close: 'Close Classdesk',
};

const german: FrontDeskWords = {
  trayTooltip: 'Classdesk',
  showDesk: 'Rezeption zeigen',
  quit: 'Classdesk beenden…',
  closeTitle: 'Classdesk',
  closeQuestion: 'Classdesk schließen?',
  closeDetail: 'Bis Classdesk wieder geöffnet wird, ist an dieser Rezeption kein Check-in möglich.',
  keepOpen: 'Classdesk geöffnet lassen',
  close: 'Classdesk schließen',
};

/**
 * The words for the desk's language setting; 'system' is the computer's language (Electron's
 * app.getLocale(), e.g. "de-AT"), and any language without words here is English, as on the page.
 */
export function frontDeskWords(language: DeskLanguage, computerLocale: string): FrontDeskWords {
  const spoken = language === 'system' ? computerLocale : language;
  return spoken.toLowerCase().split(/[-_]/)[0] === 'de' ? german : english;
}
