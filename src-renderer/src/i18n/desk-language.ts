import type { DeskApi } from '../../../src-shared/contract';
import type { DeskLanguage } from '../../../src-shared/settings';
import { i18n, resources, type Language } from './index';

/**
 * The language the desk speaks: the one set, or for 'system' the first of the computer's languages
 * that has words here (de-AT finds de). A language without words yet falls back to English.
 */
export function spokenLanguage(setting: DeskLanguage, computerLanguages: readonly string[]): Language {
  const wanted = setting === 'system' ? computerLanguages : [setting];
  for (const tag of wanted) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (Object.hasOwn(resources, base)) return base as Language;
  }
  return 'en';
}

/**
 * Keeps the page in the language of the settings in force: asked once the link is up (and again
 * whenever it comes back, a push may have been missed), then on every `settings` event.
 */
export function followLanguageSetting(
  api: Pick<DeskApi, 'subscribe' | 'getSettings'>,
  onLink: (listener: () => void) => () => void,
  computerLanguages: () => readonly string[] = () => navigator.languages,
): () => void {
  const speak = (setting: DeskLanguage) => {
    const language = spokenLanguage(setting, computerLanguages());
    document.documentElement.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  };
  const ask = () => {
    api.getSettings({}).then(
      (settings) => speak(settings.values.language),
      // Not reachable yet: the next link change asks again, and English stands meanwhile.
      () => undefined,
    );
  };
  const offEvents = api.subscribe((event) => {
    if (event.name === 'settings') speak(event.payload.values.language);
  });
  const offLink = onLink(ask);
  ask();
  return () => {
    offEvents();
    offLink();
  };
}
