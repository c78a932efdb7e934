import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

/** One entry per language, each with the shape of `en` (see de.ts). */
export const resources = {
  en: { translation: en },
  de: { translation: de },
} as const;

export type Language = keyof typeof resources;

// Resources are bundled, so init is synchronous and t() works on the first render.
void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  // React escapes text itself; escaping here too would turn "O'Brien" into "O&#39;Brien".
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next as i18n };
