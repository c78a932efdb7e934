import 'i18next';
import type { en } from './en';

// Types every t('screen.key') call against the English resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
